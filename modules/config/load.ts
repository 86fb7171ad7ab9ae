/** Reading the config: the file named by `S3_SHARE_CONFIG`, or the embedded default. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_CONFIG } from './default-config';
import { ConfigError, ConfigModel, parseConfig } from './schema';

/** Environment variable naming the config file. */
export const CONFIG_ENV = 'S3_SHARE_CONFIG';

/**
 * Loads and validates the config named by `S3_SHARE_CONFIG` (a JSON file path), or the default.
 * @throws ConfigError for an unreadable file, invalid JSON, or any rule broken (all listed)
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigModel {
  const file = env[CONFIG_ENV];
  if (file === undefined || file === '') return parseConfig(DEFAULT_CONFIG, 'default config');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ path: CONFIG_ENV, value: file, rule: `cannot be read: ${(e as Error).message}` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [{ path: '(file)', value: file, rule: `is not valid JSON: ${(e as Error).message}` }]);
  }
  // Files the config names (current policies) are relative to the config file.
  return parseConfig(data, file, { baseDir: dirname(resolve(file)) });
}
