import { invalidField } from '../field.ts';
import { anything, int, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { KindDef } from './types.ts';

/**
 * apps/v1 ControllerRevision: an immutable snapshot of a StatefulSet's or DaemonSet's pod template (`data`, the patch
 * that restores it) with its `revision` number, what `kubectl rollout history|undo` reads for those kinds.
 */
export const controllerRevisionKind: KindDef = {
  kind: 'ControllerRevision',
  apiVersion: 'apps/v1',
  resource: 'controllerrevisions',
  singular: 'controllerrevision',
  shortNames: [],
  namespaced: true,
  controlled: true,
  schema: topLevel('An immutable snapshot of a workload\'s state data.', {
    data: anything('The serialized state (a patch restoring the pod template).'),
    revision: int('The revision of the state represented by data.', 64),
  }),
  validate(o) {
    const errs: StatusCause[] = [];
    const rev = (o as { revision?: unknown }).revision;
    // ValidateControllerRevision: revision must be non-negative.
    if (typeof rev === 'number' && rev < 0) errs.push(invalidField('revision', rev, 'must be greater than or equal to 0'));
    return errs;
  },
};
