import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../testing/golden.ts';
import { formatApiError, formatClientError, unknownResourceType, type ErrorContext, type StatusLike } from './errors.ts';

const cases: [string, StatusLike, ErrorContext?][] = [
  ['not found', { reason: 'NotFound', code: 404, message: 'pods "x" not found', details: { name: 'x', kind: 'pods' } }],
  ['already exists from a file', { reason: 'AlreadyExists', code: 409, message: 'pods "web" already exists' }, { verb: 'creating', filename: 'pod.yaml' }],
  ['simulator ApiError shape', { code: 'NotFound', httpCode: 404, message: 'deployments.apps "api" not found' }],
  ['invalid, one cause', { reason: 'Invalid', code: 422, message: 'x', details: { kind: 'Pod', name: 'Web', causes: [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: 'Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')' }] } }],
  ['invalid, several causes (duplicates once)', { reason: 'Invalid', code: 422, message: 'x', details: { kind: 'Deployment', name: 'web', causes: [{ field: 'spec.template.spec.containers[0].image', message: 'Required value' }, { field: 'spec.selector', message: 'Required value' }, { field: 'spec.selector', message: 'Required value' }] } }],
  ['conflict', { reason: 'Conflict', code: 409, message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again' }],
  ['connection refused', { code: 'ConnectionRefused', httpCode: 0, message: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?' }],
  ['etcd timeout (no reason)', { code: 'Unknown', httpCode: 500, message: 'etcdserver: request timed out' }],
  ['forbidden', { reason: 'Forbidden', code: 403, message: 'pods "web" is forbidden: exceeded quota: compute, requested: cpu=2, used: cpu=1, limited: cpu=2' }],
];

describe('formatApiError', () => {
  it('prints the common errors like kubectl (golden)', () => {
    const out = cases.map(([name, e, ctx]) => `# ${name}\n${formatApiError(e, ctx)}`).join('');
    expectGolden(join(import.meta.dirname, 'testdata', 'errors.txt'), out);
  });

  it.each([
    [{ reason: 'NotFound', message: 'pods "x" not found' }, 'Error from server (NotFound): pods "x" not found\n'],
    [{ code: 'Unknown', message: 'etcdserver: request timed out' }, 'Error from server: etcdserver: request timed out\n'],
    [{ reason: 'Invalid', message: 'x', details: { kind: 'Pod', name: 'p', causes: [{ field: 'a', message: 'Required value' }, { field: 'b', message: 'Required value' }] } }, 'The Pod "p" is invalid: \n* a: Required value\n* b: Required value\n'],
  ] as [StatusLike, string][])('%j', (e, want) => expect(formatApiError(e)).toBe(want));
});

it('words client-side errors', () => {
  expect(unknownResourceType('podz')).toBe('error: the server doesn\'t have a resource type "podz"\n');
  expect(formatClientError('boom')).toBe('error: boom\n');
  expect(formatClientError('error: boom\n')).toBe('error: boom\n');
});
