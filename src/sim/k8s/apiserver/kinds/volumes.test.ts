import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types.ts';
import { printed } from '../testing/expect.ts';
import { pod, setup } from '../testing/setup.ts';

/**
 * Volume, volumeMount and sidecar validation with the API server's own
 * messages (pkg/apis/core/validation/validation.go: ValidateVolumes,
 * validateVolumeSource, validateHostPathType, validateLocalDescendingPath,
 * validateVolumeMounts, validateInitContainers' restartPolicy and probe rules),
 * and strict decoding of the volume source types (encoding/json's wording).
 */
const p = (spec: Partial<Pod['spec']>, containers: Pod['spec']['containers'] = [{ name: 'c', image: 'nginx' }]): Pod => ({ ...pod('x'), spec: { containers, ...spec } });
const mount = (name: string, mountPath = '/data', extra: object = {}) => [{ name: 'c', image: 'nginx', volumeMounts: [{ name, mountPath, ...extra }] }];

describe('pod volume validation', () => {
  it.each<[string, Pod, string]>([
    ['a volume without a source', p({ volumes: [{ name: 'v' }] }), 'The Pod "x" is invalid: spec.volumes[0]: Required value: must specify a volume type'],
    ['two sources', p({ volumes: [{ name: 'v', emptyDir: {}, configMap: { name: 'c' } }] }), 'The Pod "x" is invalid: spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type'],
    ['duplicate volume names', p({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] }), 'The Pod "x" is invalid: spec.volumes[1].name: Duplicate value: "v"'],
    ['a mount of no volume', p({}, mount('nope')), 'The Pod "x" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "nope"'],
    ['a mount without mountPath', p({ volumes: [{ name: 'v', emptyDir: {} }] }, mount('v', '')), 'The Pod "x" is invalid: spec.containers[0].volumeMounts[0].mountPath: Required value'],
    ['an absolute subPath', p({ volumes: [{ name: 'v', emptyDir: {} }] }, mount('v', '/data', { subPath: '/etc' })), 'The Pod "x" is invalid: spec.containers[0].volumeMounts[0].subPath: Invalid value: "/etc": must be a relative path'],
    ['a subPath with ..', p({ volumes: [{ name: 'v', emptyDir: {} }] }, mount('v', '/data', { subPath: 'a/../../b' })), `The Pod "x" is invalid: spec.containers[0].volumeMounts[0].subPath: Invalid value: "a/../../b": must not contain '..'`],
    ['configMap without name', p({ volumes: [{ name: 'v', configMap: { name: '' } }] }), 'The Pod "x" is invalid: spec.volumes[0].configMap.name: Required value'],
    ['secret without secretName', p({ volumes: [{ name: 'v', secret: { secretName: '' } }] }), 'The Pod "x" is invalid: spec.volumes[0].secret.secretName: Required value'],
    ['defaultMode above 0777', p({ volumes: [{ name: 'v', configMap: { name: 'c', defaultMode: 1000 } }] }), 'The Pod "x" is invalid: spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive'],
    ['an item path with ..', p({ volumes: [{ name: 'v', configMap: { name: 'c', items: [{ key: 'k', path: '../k' }] } }] }), `The Pod "x" is invalid: spec.volumes[0].configMap.items[0].path: Invalid value: "../k": must not contain '..'`],
    ['an unknown hostPath type', p({ volumes: [{ name: 'v', hostPath: { path: '/x', type: 'Dir' } }] }), 'The Pod "x" is invalid: spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"'],
    ['a claim without claimName', p({ volumes: [{ name: 'v', persistentVolumeClaim: { claimName: '' } }] }), 'The Pod "x" is invalid: spec.volumes[0].persistentVolumeClaim.claimName: Required value'],
    ['restartPolicy on an app container', p({}, [{ name: 'c', image: 'nginx', restartPolicy: 'Always' }]), 'The Pod "x" is invalid: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
    ['restartPolicy Never on an init container', p({ initContainers: [{ name: 'i', image: 'busybox', restartPolicy: 'Never' as never }] }), 'The Pod "x" is invalid: spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    [
      'a probe on a plain init container',
      p({ initContainers: [{ name: 'i', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }] }),
      'The Pod "x" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ],
  ])('%s', (_, manifest, message) => {
    expect(printed(setup().kubectl.create(manifest))).toBe(message);
  });

  it('accepts a sidecar with probes and every modelled volume type', () => {
    const ok = p(
      {
        initContainers: [{ name: 'side', image: 'busybox', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } }],
        volumes: [
          { name: 'a', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          { name: 'b', configMap: { name: 'c', items: [{ key: 'k', path: 'conf/k' }], defaultMode: 0o644, optional: true } },
          { name: 'd', secret: { secretName: 's' } },
          { name: 'e', hostPath: { path: '/tmp', type: 'DirectoryOrCreate' } },
          { name: 'f', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'g', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
        ],
      },
      mount('a', '/data', { subPath: 'x', readOnly: true }),
    );
    expect(setup().kubectl.create(ok).ok).toBe(true);
  });

  it('rejects a wrongly typed volume field with the decoder\'s message', () => {
    const bad = p({ volumes: [{ name: 'v', configMap: { name: 'c', defaultMode: '0644' as never } }] });
    expect(printed(setup().kubectl.create(bad))).toBe(
      'Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ConfigMapVolumeSource.spec.volumes.configMap.defaultMode of type int32',
    );
  });
});
