import type { KubeObject, Service, ServicePort } from '../../api/types.ts';
import { allocateClusterIP, allocateNodePort, inServiceRange, NODE_PORT_MAX, NODE_PORT_MIN, SERVICE_CIDR } from '../allocator.ts';
import { duplicateField, forbiddenField, invalidField, notSupportedField, requiredField } from '../field.ts';
import { dns1035Label, dns1123Label, portName, portNumber } from '../names.ts';
import { anything, arr, int, intOrStr, obj, str, strList, strMap, topLevel } from '../schema.ts';
import type { StatusCause } from '../status.ts';
import type { AdmitContext, KindDef } from './types.ts';

type Spec = Service['spec'] & { ipFamilies?: string[]; ipFamilyPolicy?: string; internalTrafficPolicy?: string; externalTrafficPolicy?: string };
const spec = (o: KubeObject) => (o as Service).spec as Spec;
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const hasNodePorts = (t: string | undefined) => t === 'NodePort' || t === 'LoadBalancer';

function validateService(o: KubeObject): StatusCause[] {
  const s = spec(o) ?? ({} as Spec);
  const errs: StatusCause[] = [];
  if (s.type && !TYPES.includes(s.type)) errs.push(notSupportedField('spec.type', s.type, TYPES));
  const ports = s.ports ?? [];
  if (ports.length === 0 && s.type !== 'ExternalName' && s.clusterIP !== 'None') errs.push(requiredField('spec.ports'));
  const names = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(requiredField(`${at}.name`));
    if (p.name) {
      // Port names are DNS-1123 labels (`80-8080`, as `kubectl create service` names them, is valid).
      for (const e of dns1123Label(p.name)) errs.push(invalidField(`${at}.name`, p.name, e));
      if (names.has(p.name)) errs.push(duplicateField(`${at}.name`, p.name));
      names.add(p.name);
    }
    if (!p.port) errs.push(requiredField(`${at}.port`));
    else for (const e of portNumber(p.port)) errs.push(invalidField(`${at}.port`, p.port, e));
    if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(notSupportedField(`${at}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof p.targetPort === 'number') for (const e of portNumber(p.targetPort)) errs.push(invalidField(`${at}.targetPort`, p.targetPort, e));
    if (typeof p.targetPort === 'string') for (const e of portName(p.targetPort)) errs.push(invalidField(`${at}.targetPort`, p.targetPort, e));
    if (p.nodePort) {
      if (!hasNodePorts(s.type)) errs.push(forbiddenField(`${at}.nodePort`, `may not be used when \`type\` is '${s.type ?? 'ClusterIP'}'`));
      const key = `${p.protocol ?? 'TCP'}/${p.nodePort}`;
      if (nodePorts.has(key)) errs.push(duplicateField(`${at}.nodePort`, p.nodePort));
      nodePorts.add(key);
    }
  });
  if (s.type === 'ExternalName' && !s.externalName) errs.push(requiredField('spec.externalName'));
  return errs;
}

/** ClusterIP and NodePort allocation against every other stored Service. */
function admitService(o: KubeObject, ctx: AdmitContext, old?: KubeObject): StatusCause[] {
  const s = spec(o);
  const prev = old ? spec(old) : undefined;
  const others = ctx.list('services').filter((x) => x.metadata.uid !== o.metadata.uid);
  const errs: StatusCause[] = [];
  if (s.type !== 'ExternalName') {
    if (prev?.clusterIP && !s.clusterIP) s.clusterIP = prev.clusterIP;
    if (prev?.clusterIP && s.clusterIP !== prev.clusterIP) errs.push(invalidField('spec.clusterIPs[0]', s.clusterIP, 'may not change once set'));
    else if (!prev?.clusterIP) {
      const used = new Set(others.map((x) => spec(x)?.clusterIP).filter((x): x is string => !!x));
      if (!s.clusterIP) {
        const ip = allocateClusterIP(used, ctx.rng);
        if (!ip) errs.push(invalidField('spec.clusterIPs', [], 'failed to allocate IP: range is full'));
        else s.clusterIP = ip;
      } else if (s.clusterIP !== 'None') {
        const asList = `[]string{${JSON.stringify(s.clusterIP)}}`;
        const bad = (why: string): StatusCause => ({ reason: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: ${asList}: failed to allocate IP ${s.clusterIP}: ${why}` });
        if (!inServiceRange(s.clusterIP)) errs.push(bad(`the provided IP (${s.clusterIP}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`));
        else if (used.has(s.clusterIP)) errs.push(bad('provided IP is already allocated'));
      }
    }
    if (s.clusterIP) s.clusterIPs = [s.clusterIP];
  }
  if (hasNodePorts(s.type)) {
    const used = new Set(others.flatMap((x) => (spec(x)?.ports ?? []).map((p) => p.nodePort).filter((p): p is number => !!p)));
    (s.ports ?? []).forEach((p: ServicePort, i) => {
      const kept = prev?.ports?.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort;
      if (!p.nodePort && kept) p.nodePort = kept;
      if (p.nodePort) {
        if (p.nodePort === kept) return;
        if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
          errs.push(invalidField(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
        else if (used.has(p.nodePort)) errs.push(invalidField(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
        used.add(p.nodePort);
      } else {
        const n = allocateNodePort(used, ctx.rng);
        if (n) {
          p.nodePort = n;
          used.add(n);
        }
      }
    });
  }
  return errs;
}

export const serviceKind: KindDef = {
  kind: 'Service',
  apiVersion: 'v1',
  resource: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  controlled: true,
  statusSubresource: true,
  nameRule: dns1035Label,
  schema: topLevel('A stable virtual IP and DNS name in front of a set of pods.', {
    spec: obj('Desired behaviour of the Service.', {
      type: str('ClusterIP, NodePort, LoadBalancer or ExternalName. Defaults to ClusterIP.'),
      selector: strMap('Pods with these labels receive the traffic.'),
      ports: arr('Ports the Service exposes.', obj('One port.', {
        name: str('Name of the port; required when there are several.'),
        protocol: str('TCP, UDP or SCTP. Defaults to TCP.'),
        port: int('Port the Service listens on.'),
        targetPort: intOrStr('Port number or name on the pods. Defaults to port.'),
        nodePort: int('Port on every node (NodePort, LoadBalancer).'),
        appProtocol: str('Application protocol hint.'),
      })),
      clusterIP: str('Virtual IP; allocated unless set, "None" for headless.'),
      clusterIPs: strList('Virtual IPs, one per IP family.'),
      sessionAffinity: str('None or ClientIP. Defaults to None.'),
      sessionAffinityConfig: anything('ClientIP affinity settings.'),
      externalName: str('DNS name returned as a CNAME (ExternalName).'),
      externalIPs: strList('Extra IPs the Service accepts traffic on.'),
      externalTrafficPolicy: str('Cluster or Local.'),
      internalTrafficPolicy: str('Cluster or Local.'),
      ipFamilies: strList('IPv4 and/or IPv6.'),
      ipFamilyPolicy: str('SingleStack, PreferDualStack or RequireDualStack.'),
      loadBalancerIP: str('Deprecated.'),
      loadBalancerSourceRanges: strList('Client ranges allowed through the load balancer.'),
      loadBalancerClass: str('Load balancer implementation.'),
      allocateLoadBalancerNodePorts: anything('Whether LoadBalancer Services get node ports.'),
      publishNotReadyAddresses: anything('Publish addresses of pods that are not ready.'),
      healthCheckNodePort: int('Health check port for externalTrafficPolicy Local.'),
      trafficDistribution: str('Preference for routing traffic.'),
    }),
    status: anything('Load balancer status.'),
  }),
  defaults(o) {
    const s = spec(o);
    if (!s) return;
    s.type ??= 'ClusterIP';
    s.sessionAffinity ??= 'None';
    for (const p of s.ports ?? []) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
    if (s.type !== 'ExternalName') {
      s.ipFamilies ??= ['IPv4'];
      s.ipFamilyPolicy ??= 'SingleStack';
      s.internalTrafficPolicy ??= 'Cluster';
    }
    if (hasNodePorts(s.type)) s.externalTrafficPolicy ??= 'Cluster';
  },
  initialStatus: () => ({ loadBalancer: {} }),
  validate: validateService,
  admit: admitService,
};
