/**
 * One seed for every property test in a run. CI (CI set) replays a fixed seed, so a red build is a real
 * regression and not a new random draw; a local run draws a fresh seed and explores. FC_SEED=N replays a run.
 * fast-check prints the seed and the shrunk case of any failure.
 */
import fc from 'fast-check';

const fixed = process.env.FC_SEED ?? (process.env.CI ? '20261201' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
