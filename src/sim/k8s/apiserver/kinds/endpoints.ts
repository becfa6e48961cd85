import type { EndpointSlice } from '../../api/types.ts';
import { notSupportedField, requiredField } from '../field.ts';
import { anything, arr, bool, int, obj, str, strList, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { KindDef } from './types.ts';

/** Endpoints (the old API) and EndpointSlices: written by the endpoint controllers, read by kube-proxy. */
export const endpointsKind: KindDef = {
  kind: 'Endpoints',
  apiVersion: 'v1',
  resource: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  controlled: true,
  // Deprecated in v1.33 (KEP-4974); kubectl prints this for `get ep`.
  deprecation: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
  nameRule: (n) => (/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(n) ? [] : ['must be the name of a Service']),
  schema: topLevel('Addresses behind a Service (deprecated by EndpointSlice).', {
    subsets: arr('Groups of addresses with the same ports.', obj('A subset.', {
      addresses: anything('Ready addresses.'),
      notReadyAddresses: anything('Addresses that are not ready.'),
      ports: anything('Ports of the addresses.'),
    })),
  }),
};

const ENDPOINT_ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

export const endpointSliceKind: KindDef = {
  kind: 'EndpointSlice',
  apiVersion: 'discovery.k8s.io/v1',
  resource: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
  controlled: true,
  schema: topLevel('A slice of the endpoints behind a Service.', {
    addressType: str('IPv4, IPv6 or FQDN.', true),
    endpoints: arr('Endpoints in this slice.', obj('One endpoint.', {
      addresses: strList('Addresses of the endpoint.'),
      conditions: obj('State of the endpoint.', { ready: bool('Ready for traffic.'), serving: bool('Serving, even if terminating.'), terminating: bool('Shutting down.') }),
      nodeName: str('Node hosting the endpoint.'),
      zone: str('Zone of the endpoint.'),
      hostname: str('Hostname of the endpoint.'),
      targetRef: anything('The pod behind the endpoint.'),
      hints: anything('Topology hints.'),
      deprecatedTopology: anything('Deprecated.'),
    })),
    ports: arr('Ports of the endpoints.', obj('A port.', { name: str('Port name.'), port: int('Port number.'), protocol: str('TCP, UDP or SCTP.'), appProtocol: str('Application protocol.') })),
  }),
  validate(o) {
    const errs: StatusCause[] = [];
    const t = (o as EndpointSlice).addressType;
    if (!t) errs.push(requiredField('addressType'));
    else if (!ENDPOINT_ADDRESS_TYPES.includes(t)) errs.push(notSupportedField('addressType', t, ENDPOINT_ADDRESS_TYPES));
    return errs;
  },
};
