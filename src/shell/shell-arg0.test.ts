import { describe, expect, it } from 'vitest';
import { transcript } from './headless.ts';
import { createSession } from './session.ts';

/**
 * A shell's own errors start with its $0, which is argv[0] exactly as given (ash/dash `procargs`: `arg0 = argv[0]`,
 * then "POSIX 1003.2: first arg after -c cmd is $0"; busybox ash_vmsg prints `"%s: ", arg0`, dash `"%s: %d: "`,
 * bash `"%s: line %d: "`). So `sh -c nope` says `sh: nope: not found`, `/bin/sh -c nope` (Dockerfile shell form, most
 * entrypoints) says `/bin/sh: nope: not found`, and on Debian `/bin/sh: 1: nope: not found`. A missing argv[0] is not
 * the shell's error at all but the OCI runtime's: `exec: "nope": executable file not found in $PATH`.
 */
const session = () => createSession({ seed: 3, lang: 'en', tty: { color: false, columns: 200 }, dir: 'demo' });
const hide = (s: string) => s.replace(/^.*(Pull complete|Pulling from|Digest:|Status:|Unable to find).*\n/gm, '');

describe('the shell names itself as it was invoked', () => {
  it('kubectl exec: sh -c → "sh:", /bin/sh -c → "/bin/sh:", a bare missing command → the OCI runtime\'s error', () => {
    const sh = session();
    transcript(sh, ['kubectl run b --image=busybox:1.37 -- sleep 3600', 'sleep 20']);
    expect(transcript(sh, ["kubectl exec b -- sh -c 'nope'"])).toContain('\nsh: nope: not found\ncommand terminated with exit code 127\n');
    expect(transcript(sh, ["kubectl exec b -- /bin/sh -c 'nope'"])).toContain('\n/bin/sh: nope: not found\ncommand terminated with exit code 127\n');
    expect(transcript(sh, ['kubectl exec b -- nope'])).toContain('exec: "nope": executable file not found in $PATH: unknown');
  });

  it('$0 is argv[0] as given, or the operand after -c CMD', () => {
    const sh = session();
    transcript(sh, ['kubectl run b --image=busybox:1.37 -- sleep 3600', 'sleep 20']);
    expect(transcript(sh, ["kubectl exec b -- /bin/sh -c 'echo $0'"])).toBe("$ kubectl exec b -- /bin/sh -c 'echo $0'\n/bin/sh\n");
    expect(transcript(sh, ["kubectl exec b -- sh -c 'echo $0 $1' me one"])).toBe("$ kubectl exec b -- sh -c 'echo $0 $1' me one\nme one\n");
    // A shell started from a shell is named by its own argv[0].
    expect(transcript(sh, ["kubectl exec b -- sh -c '/bin/sh -c nope2'"])).toContain('\n/bin/sh: nope2: not found\n');
  });

  it('docker run: busybox, Debian dash and bash each with their own format, prefixed by argv[0]', () => {
    const sh = session();
    expect(hide(transcript(sh, ["docker run busybox /bin/sh -c 'nope'"]))).toBe("$ docker run busybox /bin/sh -c 'nope'\n/bin/sh: nope: not found\n");
    expect(hide(transcript(sh, ["docker run debian /bin/sh -c 'nope'"]))).toBe("$ docker run debian /bin/sh -c 'nope'\n/bin/sh: 1: nope: not found\n");
    expect(hide(transcript(sh, ["docker run debian /bin/bash -c 'nope'"]))).toBe("$ docker run debian /bin/bash -c 'nope'\n/bin/bash: line 1: nope: command not found\n");
    expect(hide(transcript(sh, ["docker run busybox sh -c 'nope'"]))).toBe("$ docker run busybox sh -c 'nope'\nsh: nope: not found\n");
  });

  it('an interactive /bin/sh says /bin/sh:, an interactive sh says sh:', () => {
    const sh = session();
    transcript(sh, ['kubectl run b --image=busybox:1.37 -- sleep 3600', 'sleep 20']);
    expect(transcript(sh, ['kubectl exec -it b -- /bin/sh', 'nope', 'exit'])).toContain('/ # nope\n/bin/sh: nope: not found\n/ # exit\n');
    expect(transcript(sh, ['kubectl exec -it b -- sh', 'nope', 'exit'])).toContain('/ # nope\nsh: nope: not found\n/ # exit\n');
  });
});
