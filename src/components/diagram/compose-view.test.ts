import { describe, expect, it } from 'vitest';
import { composeDemo } from '../../lessons/scenarios.ts';
import { ComposeRunner } from '../../sim/compose/engine/compose.ts';
import { DockerEngine } from '../../sim/compose/engine/docker.ts';
import { demoProject } from '../../sim/compose/engine/fixtures.ts';
import { World } from '../../sim/world.ts';
import { composeView } from './compose-view.ts';

const DIR = '/home/learner/compose-demo';

describe('compose picture', () => {
  it('shows services with their containers, the network and the named volume; stop and down change it', () => {
    const world = new World({ seed: 1 });
    for (const [rel, text] of Object.entries(composeDemo.files)) world.vfs.writeFile(`${DIR}/${rel}`, text);
    const engine = new DockerEngine(world);
    const runner = new ComposeRunner(engine, demoProject(DIR));
    expect(composeView(engine).projects).toEqual([]);
    runner.up({ detach: true });
    world.clock.advance(5_000);
    const v = composeView(engine);
    expect(v.projects.map((p) => p.name)).toEqual(['compose-demo']);
    const p = v.projects[0]!;
    expect(p.services.map((s) => [s.name, s.containers.map((c) => `${c.name}:${c.state}`)])).toEqual([
      ['db', ['compose-demo-db-1:running']],
      ['web', ['compose-demo-web-1:running']],
    ]);
    expect(p.networks.map((n) => [n.name, n.containers])).toEqual([['compose-demo_default', ['compose-demo-db-1', 'compose-demo-web-1']]]);
    expect(p.services.find((s) => s.name === 'web')!.containers[0]!.ports.length).toBeGreaterThan(0);
    runner.stop([]);
    world.clock.advance(15_000);
    expect(composeView(engine).projects[0]!.services.flatMap((s) => s.containers.map((c) => c.state))).toEqual(['exited', 'exited']);
    runner.down({});
    const after = composeView(engine);
    expect(after.projects.flatMap((x) => x.services)).toEqual([]);
  });
});
