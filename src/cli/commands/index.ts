import type { Command } from 'commander';
import { registerCrawlCommand } from './crawl.command.js';
import { registerDemoCommand } from './demo.command.js';
import { registerGeoCommand } from './geo.command.js';
import { registerMigrateCommand } from './migrate.command.js';
import { registerReportCommand } from './report.command.js';
import { registerRepoCommand } from './repo.command.js';
import { registerScoreCommand } from './score.command.js';
import { registerSimCommand } from './sim.command.js';
import { registerScheduleCommand } from './schedule.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerStatusCommand } from './status.command.js';
import { registerWorkerCommand } from './worker.command.js';

/** Each command file exports one `register*Command(program)`; list it here. */
export const commands: Array<(program: Command) => void> = [
  registerMigrateCommand,
  registerRepoCommand,
  registerGeoCommand,
  registerCrawlCommand,
  registerScoreCommand,
  registerReportCommand,
  registerDemoCommand,
  registerSimCommand,
  registerWorkerCommand,
  registerScheduleCommand,
  registerStatusCommand,
  registerServeCommand,
];
