/**
 * Issue 14's fault sequences, counted: runs N random sequences (FAULT_CASES,
 * default 1,000; FAULT_SEED, default 14) to the end instead of stopping at the
 * first failure like the property test, and prints cases run, failures, and
 * each failing sequence with what did not converge.
 *   node bench/fault-sequences.ts            (1,000 cases, ~10 CPU-min)
 *   FAULT_MAX_STEPS=20 node bench/fault-sequences.ts   (longer sequences)
 */
import fc from 'fast-check';
import { fault, faultSequence, maintenance, runFaultSequence } from '../src/sim/fuzz/faults.ts';

const n = Number(process.env.FAULT_CASES ?? 1000);
const seed = Number(process.env.FAULT_SEED ?? 14);
// FAULT_MAX_STEPS lengthens the sequences beyond the property test's 8 steps.
const maxSteps = Number(process.env.FAULT_MAX_STEPS ?? 0);
const step = fc.oneof({ weight: 4, arbitrary: fault }, { weight: 1, arbitrary: maintenance });
const gen = maxSteps > 0 ? fc.array(step, { minLength: 1, maxLength: maxSteps }) : faultSequence;
const cases = fc.sample(gen, { numRuns: n, seed });
let failures = 0;
const t0 = performance.now();
for (let i = 0; i < cases.length; i++) {
  let left: string[];
  try {
    left = runFaultSequence(cases[i]!);
  } catch (e) {
    left = [`threw ${(e as Error).stack ?? e}`];
  }
  if (left.length) {
    failures++;
    console.log(`FAIL #${i}: ${JSON.stringify(cases[i])}\n  ${left.join('\n  ')}`);
  }
}
const s = (performance.now() - t0) / 1000;
console.log(`fault sequences: ${cases.length} cases, ${failures} failures, ${s.toFixed(0)} s (${((s / cases.length) * 1000).toFixed(0)} ms/case), seed ${seed}`);
