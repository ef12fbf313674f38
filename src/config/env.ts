/**
 * A setting as the user meant it. CI systems pass an unconfigured secret or variable as an empty string, so
 * empty (or blank) means unset everywhere: the default applies. The value itself is returned untrimmed, so a
 * password keeps its spaces; callers trim what is not a secret.
 */
export function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}
