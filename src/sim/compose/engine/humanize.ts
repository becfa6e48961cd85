/**
 * Docker's human-readable times and sizes, as docker/go-units prints them:
 * HumanDuration for "Up 2 minutes" and "5 seconds ago", HumanSize for image
 * sizes (decimal units, three significant digits).
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // go-units rounds hours rather than truncating them.
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

export function ago(ms: number): string {
  return `${humanDuration(ms)} ago`;
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** go-units HumanSizeWithPrecision(size, 3): "192MB", "7.8MB", "43.2kB". */
export function humanSize(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < SIZE_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  // %.4g then trimmed like Go's %g with precision 3.
  return `${Number(v.toPrecision(3))}${SIZE_UNITS[i]}`;
}
