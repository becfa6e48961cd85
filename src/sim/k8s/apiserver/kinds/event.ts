import type { Event, KubeObject } from '../../api/types.ts';
import { requiredField } from '../field.ts';
import { anything, int, obj, str, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { KindDef } from './types.ts';

const ev = (o: KubeObject) => o as Event;

export const eventKind: KindDef = {
  kind: 'Event',
  apiVersion: 'v1',
  resource: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  controlled: true,
  schema: topLevel('A report of something that happened to an object.', {
    involvedObject: obj('The object the event is about.', {
      kind: str('Kind of the object.'),
      name: str('Name of the object.'),
      namespace: str('Namespace of the object.'),
      uid: str('UID of the object.'),
      apiVersion: str('API version of the object.'),
      resourceVersion: str('Version of the object.'),
      fieldPath: str('Part of the object, e.g. spec.containers{web}.'),
    }),
    reason: str('Short machine-readable reason, e.g. Scheduled.'),
    message: str('Human-readable description.'),
    type: str('Normal or Warning.'),
    source: obj('Who reported it.', { component: str('Component name.'), host: str('Node name.') }),
    count: int('How many times it happened.'),
    firstTimestamp: str('When it first happened.'),
    lastTimestamp: str('When it last happened.'),
    eventTime: str('When it happened, in microseconds.'),
    reportingComponent: str('Controller that emitted it.'),
    reportingInstance: str('Instance of that controller.'),
    action: str('What was done.'),
    related: anything('A second object involved.'),
    series: anything('Data about a series of events.'),
  }),
  fieldSelectors: {
    'involvedObject.kind': (o) => ev(o).involvedObject?.kind ?? '',
    'involvedObject.name': (o) => ev(o).involvedObject?.name ?? '',
    'involvedObject.namespace': (o) => ev(o).involvedObject?.namespace ?? '',
    'involvedObject.uid': (o) => ev(o).involvedObject?.uid ?? '',
    'involvedObject.fieldPath': (o) => ev(o).involvedObject?.fieldPath ?? '',
    reason: (o) => ev(o).reason ?? '',
    type: (o) => ev(o).type ?? '',
    'source': (o) => ev(o).source?.component ?? '',
    reportingComponent: (o) => ev(o).reportingComponent ?? '',
  },
  validate(o) {
    const errs: StatusCause[] = [];
    if (!ev(o).involvedObject) errs.push(requiredField('involvedObject'));
    return errs;
  },
};
