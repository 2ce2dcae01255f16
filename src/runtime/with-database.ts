import { loadConfig, type Config } from '../../config/load-config.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { openDatabase, type OpenDatabase, type OpenDatabaseOptions } from './database.js';

export interface DatabaseContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: OpenDatabase;
}

/**
 * For CLI commands: loads the config (`--config` file or VITALS_CONFIG, then the environment),
 * opens the database (migrated to latest unless `migrate: false`), runs `work`, and always closes
 * the database so the process can exit by itself.
 */
export async function withDatabase<T>(
  configFile: string | undefined,
  work: (context: DatabaseContext) => Promise<T>,
  options: OpenDatabaseOptions = {},
): Promise<T> {
  const config = loadConfig({ file: configFile });
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger, options);
  try {
    return await work({ config, logger, database });
  } finally {
    await database.close();
  }
}
