import { duplicates, invalidProp } from '../validation';

/** A container path without its trailing slashes (`/tmp/` and `/tmp` are one directory), or `/` for the root. */
export function normalizeContainerPath(path: string): string {
  return path.replace(/\/+$/, '') || '/';
}

/**
 * Throws unless the paths are absolute, below `/`, and distinct once their trailing slashes are
 * removed: ECS mounts one volume per container path, and a second mount of the same directory fails
 * the task (Amazon ECS Developer Guide, task definition parameters, `mountPoints`:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html).
 */
export function requireDistinctDirectories(prop: string, paths: string[]): void {
  for (const d of paths) {
    if (!d.startsWith('/') || normalizeContainerPath(d) === '/') {
      throw invalidProp(prop, 'must hold absolute paths below `/`', d, 'Use paths such as `/tmp`.');
    }
  }
  const twice = duplicates(paths.map(normalizeContainerPath));
  if (twice.length > 0) {
    throw invalidProp(prop, 'must not list a directory twice (trailing slashes aside)', twice, 'Remove the duplicates.');
  }
}
