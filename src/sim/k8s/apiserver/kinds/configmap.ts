import type { ConfigMap } from '../../api/types.ts';
import { invalidField, tooLongField } from '../field.ts';
import { utf8Length } from '../meta.ts';
import { configMapKey } from '../names.ts';
import { anything, bool, strMap, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { KindDef } from './types.ts';

/** core.MaxSecretSize, shared by Secrets and ConfigMaps. */
export const MAX_CONFIGMAP_BYTES = 1024 * 1024;

export const configMapKind: KindDef = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  resource: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  controlled: true,
  schema: topLevel('Non-secret configuration as key/value pairs.', {
    data: strMap('Configuration data as UTF-8 strings.'),
    binaryData: anything('Configuration data as base64 bytes.'),
    immutable: bool('Forbids changes to the data.'),
  }),
  validate(o) {
    const errs: StatusCause[] = [];
    const cm = o as ConfigMap & { binaryData?: Record<string, unknown> };
    for (const k of Object.keys(cm.data ?? {})) for (const e of configMapKey(k)) errs.push(invalidField(`data[${k}]`, k, e));
    // ValidateConfigMap: keys and values together, data and binaryData, at most MaxSecretSize (1 MiB).
    let total = 0;
    for (const [k, v] of Object.entries(cm.data ?? {})) total += utf8Length(k) + utf8Length(String(v ?? ''));
    for (const [k, v] of Object.entries(cm.binaryData ?? {})) total += utf8Length(k) + Math.floor((String(v ?? '').replace(/=+$/, '').length * 3) / 4);
    if (total > MAX_CONFIGMAP_BYTES) errs.push(tooLongField('[]', MAX_CONFIGMAP_BYTES));
    return errs;
  },
};
