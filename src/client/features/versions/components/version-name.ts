import type { Version } from '../../../../domain';

/** `mnist-train:v11`, the name people type and copy; a still-uploading version has no `vN` yet. */
export function versionName(version: Version): string {
  return `${version.collection}:${version.version ?? 'uploading'}`;
}
