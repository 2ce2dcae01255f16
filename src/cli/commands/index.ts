import type { Command } from 'commander';

/** Each command file exports one `register*Command(program)`; list it here. */
export const commands: Array<(program: Command) => void> = [];
