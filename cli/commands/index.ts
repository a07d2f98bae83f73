/** Every sub-command of `golive`, in the order `golive --help` lists them. */
import type { Command } from 'commander';
import { registerCluster } from './cluster';
import { registerCutovers } from './cutovers';
import { registerDev } from './dev';
import { register as registerGraph } from './graph';
import { registerOperate } from './operate';
import { registerProcesses } from './processes';
import { registerProvision } from './provision';
import { registerRehearse } from './rehearse';
import { registerReplay } from './replay';
import { registerReport } from './report';
import { registerSetup } from './setup';
import { register as registerValidate } from './validate';

type Register = (program: Command) => void;

const registrations: Register[] = [registerValidate, registerGraph, registerDev, registerProcesses, registerSetup, registerCutovers, registerReport, registerOperate, registerRehearse, registerProvision, registerCluster, registerReplay];

export function registerCommands(program: Command): void {
  for (const register of registrations) register(program);
}
