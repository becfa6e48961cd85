import type { ConfigMap } from '../../api/types.ts';
import { invalidField } from '../field.ts';
import { configMapKey } from '../names.ts';
import { anything, bool, strMap, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { KindDef } from './types.ts';

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
    for (const k of Object.keys((o as ConfigMap).data ?? {})) for (const e of configMapKey(k)) errs.push(invalidField(`data[${k}]`, k, e));
    return errs;
  },
};
