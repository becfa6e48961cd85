import type { KubeObject } from '../../api/types.ts';
import type { Rng } from '../../../rng.ts';
import type { FieldSchema } from '../schema.ts';
import type { StatusCause } from '../status.ts';

/** What defaulting and admission may look at besides the object itself. */
export interface AdmitContext {
  rng: Rng;
  /** RFC 3339 timestamp of the request, from the virtual clock. */
  now: string;
  /** Every stored object of a resource (all namespaces), for allocators. */
  list(resource: string): KubeObject[];
}

/**
 * One kind the API server serves: names, storage, schema and the strategy
 * hooks (defaulting, validation, admission) the real registry has per kind.
 */
export interface KindDef {
  kind: string;
  /** Preferred group/version, e.g. `apps/v1`; `v1` for the core group. */
  apiVersion: string;
  /** Plural resource name used in URLs and messages: `pods`. */
  resource: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  schema: FieldSchema;
  /** Whether a simulated controller/actor acts on objects of this kind. */
  controlled: boolean;
  /** metadata.generation is kept and bumped on spec changes. */
  generation?: boolean;
  /** A status subresource exists: the main endpoint ignores status changes and vice versa. */
  statusSubresource?: boolean;
  /** Name rule; RFC 1123 subdomain unless said otherwise. */
  nameRule?: (name: string) => string[];
  /** Fields usable in field selectors beyond metadata.name/namespace. */
  fieldSelectors?: Record<string, (o: KubeObject) => string>;
  /** Fills defaults in place (called on create and update). */
  defaults?(o: KubeObject): void;
  /** Status set by the server on create (the client's status is dropped). */
  initialStatus?(o: KubeObject): unknown;
  validate?(o: KubeObject): StatusCause[];
  validateUpdate?(o: KubeObject, old: KubeObject): StatusCause[];
  /** Create-time admission that needs cluster state (IP and port allocation). */
  admit?(o: KubeObject, ctx: AdmitContext, old?: KubeObject): StatusCause[];
  /** A deprecated API: the warning every request about it answers with (the apiserver's deprecation filter). */
  deprecation?: string;
  /** The scale subresource: read and write spec.replicas. */
  scale?: { replicas(o: KubeObject): number; selector(o: KubeObject): string; set(o: KubeObject, n: number): void };
}

/** Group of an apiVersion: `apps/v1` → `apps`, `v1` → ''. */
export const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');
