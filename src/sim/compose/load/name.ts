/** Project names as Docker Compose accepts and derives them. */
const VALID = /^[a-z0-9][a-z0-9_-]*$/;

export function isValidProjectName(name: string): boolean {
  return VALID.test(name);
}

/** What compose makes of a directory name: lowercase, only [a-z0-9_-], starting with a letter or digit. */
export function normalizeProjectName(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

export function invalidProjectNameMessage(name: string): string {
  return `invalid project name "${name}": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`;
}
