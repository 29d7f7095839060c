import { validateTaskSize } from './capacity-rules';
import type { ResolvedServiceOptions } from './service-defaults';
import { Discovery } from '../discovery/discovery';
import { requireDistinctDirectories } from '../private/aws-values/paths';
import { validateLogRetention } from '../private/log-retention';
import { DNS_LABEL, invalidProp, isConcrete, requireInstanceOf, requireIntegerInRange } from '../private/validation';

/** Throws unless the service name is a DNS label (it names the construct, the container and the discovery name). */
export function validateServiceName(name: string): void {
  if (!DNS_LABEL.test(name)) {
    throw invalidProp('name', 'must be DNS-safe: lower-case letters, digits and hyphens, not starting or ending with a hyphen, at most 63 characters (a DNS label)', name,
      'Rename the service, for example `orders-api`.');
  }
}

/** Validates a service's own options (with defaults applied); `prop` is the service's prop path. */
export function validateServiceOptions(prop: string, o: ResolvedServiceOptions): void {
  requireIntegerInRange(`${prop}.containerPort`, o.containerPort, 1, 65535, 'Use the TCP port the container listens on.');
  validateTaskSize(prop, o.resolvedCapacity, o.cpu, o.memoryLimitMiB);
  validateDeployment(prop, o);
  if (o.healthCheckGracePeriod && !o.routed) {
    throw invalidProp(`${prop}.healthCheckGracePeriod`, 'only applies to a routed service', o.healthCheckGracePeriod.toHumanString(),
      'Remove it, or give the service `routing`.');
  }
  validateWritableDirectories(prop, o);
  validateEnvironment(prop, o.environment, o.nonSecretEnvironment);
  validateLogRetention(`${prop}.logRetention`, o.logRetention);
  requireInstanceOf(`${prop}.discovery`, o.discovery, Discovery, 'Discovery.serviceConnect()');
}

function validateDeployment(prop: string, o: ResolvedServiceOptions): void {
  requireIntegerInRange(`${prop}.desiredCount`, o.desiredCount, 1, 5000, 'Run at least one task (two or more spread the service over Availability Zones).');
  requireIntegerInRange(`${prop}.minHealthyPercent`, o.minHealthyPercent, 0, 100);
  requireIntegerInRange(`${prop}.maxHealthyPercent`, o.maxHealthyPercent, 100, 200);
  const min = o.minHealthyPercent;
  const max = o.maxHealthyPercent;
  if (isConcrete(min) && isConcrete(max) && max <= min) {
    throw invalidProp(`${prop}.maxHealthyPercent`, 'must be above `minHealthyPercent`, or a deployment can never start a new task',
      `maxHealthyPercent ${max}, minHealthyPercent ${min}`, 'Raise `maxHealthyPercent` (200 is the default) or lower `minHealthyPercent`.');
  }
}

/** The filesystem options of a container. */
export interface ContainerFilesystem {
  readonly writableDirectories: string[];
  readonly readonlyRootFilesystem: boolean;
  readonly enableExecuteCommand: boolean;
}

/** Throws unless the writable directories are absolute, distinct, and give ECS Exec a writable filesystem. */
export function validateWritableDirectories(prop: string, o: ContainerFilesystem): void {
  const dirs = o.writableDirectories;
  requireDistinctDirectories(`${prop}.writableDirectories`, dirs);
  if (o.enableExecuteCommand && o.readonlyRootFilesystem && dirs.length === 0) {
    throw invalidProp(`${prop}.enableExecuteCommand`, 'needs a writable filesystem, but the root filesystem is read-only and no writable directory is given',
      true, 'Give `writableDirectories` (for example [\'/tmp\']) or set `readonlyRootFilesystem` to false.');
  }
}

/** Names that usually hold secrets; `nonSecretEnvironment` lets a service say that one does not. */
const SECRET_LIKE_NAME = /(secret|password|passwd|token|api_?key|private_?key)/i;

/** Throws when a plain environment variable looks like a secret (unless `nonSecret` lists it). */
export function validateEnvironment(prop: string, environment: { [name: string]: string } | undefined, nonSecret: string[] | undefined): void {
  const notSecret = new Set(nonSecret ?? []);
  const unknown = [...notSecret].filter(n => !(n in (environment ?? {})));
  if (unknown.length > 0) {
    throw invalidProp(`${prop}.nonSecretEnvironment`, 'must name variables of `environment`', unknown, 'Remove the names, or add the variables to `environment`.');
  }
  for (const name of Object.keys(environment ?? {})) {
    if (SECRET_LIKE_NAME.test(name) && !notSecret.has(name)) {
      throw invalidProp(`${prop}.environment`, 'must not carry secrets in plain environment variables', name,
        `Pass \`${name}\` through \`secrets\` (ecs.Secret.fromSecretsManager or fromSsmParameter), or, if it holds no secret, list it in \`nonSecretEnvironment\`.`);
    }
  }
}
