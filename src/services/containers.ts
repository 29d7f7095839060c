import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { ContainerDependency, SidecarOptions } from './container-options';
import { renderContainerHealthCheck, validateContainerHealthCheck } from './health-check';
import { validateEnvironment, validateWritableDirectories } from './validate-service';
import { describe, duplicates, invalidProp, isConcrete, requireIntegerInRange } from '../private/validation';

/** The most containers ECS accepts in one task definition. */
export const MAX_CONTAINERS_PER_TASK = 10;

/** The sidecar defaults, in one place: the `@default` of `SidecarOptions` says the same. */
export const SIDECAR_DEFAULTS = {
  memoryLimitMiB: 128,
  essential: true,
  readonlyRootFilesystem: true,
} as const;

/**
 * The Linux capabilities every container drops unless its `keepCapabilities` keeps them: those of
 * Docker's default set that a web server, an API or an agent does not use, and an attacker in the
 * container does. NET_RAW crafts packets (scans with forged headers, ping floods; spoofing neighbours
 * needs a shared network, which awsvpc tasks lack); MKNOD creates device nodes; SYS_CHROOT, SETFCAP
 * and SETPCAP help break out of a container or keep capabilities across an exec; AUDIT_WRITE writes to the kernel's audit log. The rest of the default
 * set stays: images that start as root and switch to their user need CHOWN, DAC_OVERRIDE, FOWNER,
 * SETUID, SETGID, KILL and NET_BIND_SERVICE (nginx binds port 80, then drops to `nginx`). Fargate accepts
 * any `capabilities.drop` and adds nothing but SYS_PTRACE ("Task definition parameters for Fargate",
 * Linux parameters; the default set: Docker's "Runtime privilege and Linux capabilities").
 */
export const DEFAULT_DROPPED_CAPABILITIES: readonly ecs.Capability[] = [
  ecs.Capability.NET_RAW,
  ecs.Capability.MKNOD,
  ecs.Capability.SYS_CHROOT,
  ecs.Capability.SETFCAP,
  ecs.Capability.SETPCAP,
  ecs.Capability.AUDIT_WRITE,
];

/** `keepCapabilities` keeps what the default drops, and adds nothing. */
export function validateKeepCapabilities(prop: string, keep: ecs.Capability[] | undefined): void {
  const other = (keep ?? []).filter(c => c !== ecs.Capability.ALL && !DEFAULT_DROPPED_CAPABILITIES.includes(c));
  if (other.length > 0) {
    throw invalidProp(prop, `keeps only capabilities the container drops by default (${DEFAULT_DROPPED_CAPABILITIES.join(', ')}), or ALL; it adds none`,
      other, 'Remove them: the container has the rest of Docker\'s default set already, and Fargate adds no capability but SYS_PTRACE.');
  }
}

/** What a container drops: the default set without what `keep` keeps (`ecs.Capability.ALL` keeps every one). */
export function droppedCapabilities(keep: ecs.Capability[] | undefined): ecs.Capability[] {
  const kept = keep ?? [];
  if (kept.includes(ecs.Capability.ALL)) return [];
  return DEFAULT_DROPPED_CAPABILITIES.filter(c => !kept.includes(c));
}

/**
 * The Linux parameters of a container that drop `droppedCapabilities(keep)`, or undefined when it
 * drops none. A child of the task definition named after the container (a `.` is in no container name).
 */
export function linuxParametersFor(taskDefinition: ecs.TaskDefinition, containerName: string,
  keep: ecs.Capability[] | undefined): ecs.LinuxParameters | undefined {
  const drop = droppedCapabilities(keep);
  if (drop.length === 0) return undefined;
  const parameters = new ecs.LinuxParameters(taskDefinition, `${containerName}.LinuxParameters`);
  parameters.dropCapabilities(...drop);
  return parameters;
}

/** The least memory the application container keeps beside its sidecars, in MiB. */
export const MIN_APP_CONTAINER_MIB = 128;

/** ECS container names: letters, digits, hyphens and underscores, up to 255 characters. */
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;

/** What the containers of a task are checked against: the application container and its sidecars. */
export interface TaskContainers {
  /** The service name: the application container's name. */
  readonly appName: string;
  readonly appHealthCheck: boolean;
  readonly appDependsOn: ContainerDependency[];
  readonly sidecars: SidecarOptions[];
  readonly cpu: number;
  readonly memoryLimitMiB: number;
}

/** The containers that run as root (`user` 0 or root, with or without a group): CT.ECS.PR.3 refuses them. */
export function rootContainers(appName: string, appUser: string | undefined, sidecars: SidecarOptions[]): string[] {
  const root = (user: string | undefined) => user !== undefined && /^(0|root)(:.*)?$/.test(user);
  return [...(root(appUser) ? [appName] : []), ...sidecars.filter(s => root(s.user)).map(s => s.name)];
}

/** Memory of the application container: what the sidecars leave of the task's memory. */
export function appContainerMemory(taskMemoryMiB: number, sidecars: SidecarOptions[]): number {
  if (!isConcrete(taskMemoryMiB)) return taskMemoryMiB;
  return taskMemoryMiB - sidecars.reduce((sum, s) => sum + (s.memoryLimitMiB ?? SIDECAR_DEFAULTS.memoryLimitMiB), 0);
}

/** Validates the sidecars and the start order of every container of the task; `prop` is the service's prop path. */
export function validateContainers(prop: string, t: TaskContainers): void {
  validateCount(prop, t);
  validateNames(prop, t);
  t.sidecars.forEach((s, i) => validateSidecar(`${prop}.sidecars[${i}]`, s));
  validateSizes(prop, t);
  validateDependencies(prop, t);
}

function validateCount(prop: string, t: TaskContainers): void {
  const count = 1 + t.sidecars.length;
  if (count > MAX_CONTAINERS_PER_TASK) {
    throw invalidProp(`${prop}.sidecars`, `must leave the task at most ${MAX_CONTAINERS_PER_TASK} containers (the ECS limit per task definition), with the application container`,
      `${t.sidecars.length} sidecars`, `Remove ${count - MAX_CONTAINERS_PER_TASK} sidecar(s), or move them into a service of their own.`);
  }
}

function validateNames(prop: string, t: TaskContainers): void {
  t.sidecars.forEach((s, i) => {
    if (typeof s.name !== 'string' || !CONTAINER_NAME.test(s.name)) {
      throw invalidProp(`${prop}.sidecars[${i}].name`, 'must have 1 to 255 letters, digits, hyphens and underscores (an ECS container name)', s.name,
        'Use a name such as `metrics-agent`.');
    }
  });
  const names = [t.appName, ...t.sidecars.map(s => s.name)];
  const dup = duplicates(names);
  if (dup.length > 0) {
    throw invalidProp(`${prop}.sidecars`, 'must give every container of the task its own name, and none the service name (the application container\'s)', dup,
      'Rename the sidecars.');
  }
}

function validateSidecar(prop: string, s: SidecarOptions): void {
  validateKeepCapabilities(`${prop}.keepCapabilities`, s.keepCapabilities);
  requireIntegerInRange(`${prop}.memoryLimitMiB`, s.memoryLimitMiB, 6, 122880, 'Give the sidecar at least 6 MiB (the Docker minimum); 128 is the default.');
  requireIntegerInRange(`${prop}.cpu`, s.cpu, 0, 16384);
  (s.containerPorts ?? []).forEach((p, i) => requireIntegerInRange(`${prop}.containerPorts[${i}]`, p, 1, 65535, 'Use the TCP port the sidecar listens on.'));
  validateContainerHealthCheck(`${prop}.healthCheck`, s.healthCheck);
  validateWritableDirectories(prop, {
    writableDirectories: s.writableDirectories ?? [],
    readonlyRootFilesystem: s.readonlyRootFilesystem ?? SIDECAR_DEFAULTS.readonlyRootFilesystem,
    enableExecuteCommand: false,
  });
  validateEnvironment(prop, s.environment, s.nonSecretEnvironment);
}

function validateSizes(prop: string, t: TaskContainers): void {
  if (t.sidecars.length === 0) return;
  const app = appContainerMemory(t.memoryLimitMiB, t.sidecars);
  if (isConcrete(app) && app < MIN_APP_CONTAINER_MIB) {
    const sidecarMiB = t.memoryLimitMiB - app;
    throw invalidProp(`${prop}.sidecars`, `must leave the application container at least ${MIN_APP_CONTAINER_MIB} MiB of the task's memory (${t.memoryLimitMiB} MiB)`,
      `sidecars ${sidecarMiB} MiB`, 'Raise the service\'s `memoryLimitMiB`, or lower the sidecars\' `memoryLimitMiB`.');
  }
  const cpus = t.sidecars.map(s => s.cpu ?? 0);
  if (isConcrete(t.cpu) && cpus.every(isConcrete)) {
    const total = cpus.reduce((a, b) => a + b, 0);
    if (total > t.cpu) {
      throw invalidProp(`${prop}.sidecars`, `must reserve no more CPU than the task has (${t.cpu} units)`, `sidecars ${total} units`,
        'Raise the service\'s `cpu`, or lower the sidecars\' `cpu`.');
    }
  }
}

interface Node {
  readonly name: string;
  readonly prop: string;
  readonly essential: boolean;
  readonly healthCheck: boolean;
  readonly dependsOn: ContainerDependency[];
}

function validateDependencies(prop: string, t: TaskContainers): void {
  const nodes: Node[] = [
    { name: t.appName, prop: `${prop}.dependsOn`, essential: true, healthCheck: t.appHealthCheck, dependsOn: t.appDependsOn },
    ...t.sidecars.map((s, i) => ({
      name: s.name,
      prop: `${prop}.sidecars[${i}].dependsOn`,
      essential: s.essential ?? SIDECAR_DEFAULTS.essential,
      healthCheck: s.healthCheck !== undefined,
      dependsOn: s.dependsOn ?? [],
    })),
  ];
  const byName = new Map(nodes.map(n => [n.name, n]));
  for (const n of nodes) {
    n.dependsOn.forEach((d, i) => {
      const p = `${n.prop}[${i}]`;
      const target = byName.get(d.containerName);
      if (!target) {
        throw invalidProp(`${p}.containerName`, 'must name a container of the task: the service name or a sidecar\'s name', d.containerName,
          `Use one of ${describe(nodes.map(x => x.name))}.`);
      }
      const condition = d.condition ?? ecs.ContainerDependencyCondition.START;
      if (condition === ecs.ContainerDependencyCondition.HEALTHY && !target.healthCheck) {
        throw invalidProp(`${p}.condition`, `is HEALTHY, but container \`${target.name}\` has no health check`, condition,
          `Give \`${target.name}\` a health check, or wait for START.`);
      }
      if ((condition === ecs.ContainerDependencyCondition.COMPLETE || condition === ecs.ContainerDependencyCondition.SUCCESS) && target.essential) {
        throw invalidProp(`${p}.condition`, `is ${condition}, which ECS refuses on an essential container, and \`${target.name}\` is essential`, condition,
          `Set \`essential: false\` on \`${target.name}\` (a container that runs once and exits), or wait for START or HEALTHY.`);
      }
    });
  }
  const cycle = findCycle(nodes, byName);
  if (cycle) {
    throw invalidProp(byName.get(cycle[0])!.prop, 'must not form a cycle: no container of the cycle could ever start', cycle.join(' -> '),
      'Remove one of the dependencies of the cycle.');
  }
}

/** The first cycle of the dependency graph, as the names along it (first name repeated at the end), or undefined. */
export function findCycle(nodes: { name: string; dependsOn: ContainerDependency[] }[],
  byName: Map<string, { dependsOn: ContainerDependency[] }>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    path.push(name);
    for (const d of byName.get(name)?.dependsOn ?? []) {
      const found = visit(d.containerName);
      if (found) return found;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const n of nodes) {
    const found = visit(n.name);
    if (found) return found;
  }
  return undefined;
}

/**
 * Adds the hardened sidecars to `taskDefinition`: non-privileged, read-only root unless asked, the
 * default capabilities dropped, memory set, their own log stream, their ports as port mappings that no security group opens.
 */
export function addSidecars(taskDefinition: ecs.TaskDefinition, sidecars: SidecarOptions[], logGroup: logs.ILogGroup): ecs.ContainerDefinition[] {
  return sidecars.map(s => {
    const container = taskDefinition.addContainer(s.name, {
      containerName: s.name,
      image: s.image,
      memoryLimitMiB: s.memoryLimitMiB ?? SIDECAR_DEFAULTS.memoryLimitMiB,
      cpu: s.cpu,
      essential: s.essential ?? SIDECAR_DEFAULTS.essential,
      command: s.command,
      user: s.user,
      linuxParameters: linuxParametersFor(taskDefinition, s.name, s.keepCapabilities),
      environment: s.environment,
      secrets: s.secrets,
      readonlyRootFilesystem: s.readonlyRootFilesystem ?? SIDECAR_DEFAULTS.readonlyRootFilesystem,
      privileged: false,
      healthCheck: renderContainerHealthCheck(s.healthCheck),
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: s.name }),
      portMappings: (s.containerPorts ?? []).map(p => ({ containerPort: p, name: `${s.name}-${p}`.toLowerCase().replace(/_/g, '-').slice(0, 64) })),
    });
    (s.writableDirectories ?? []).forEach((path, i) => {
      const volume = `${s.name}-writable-${i}`;
      taskDefinition.addVolume({ name: volume });
      container.addMountPoints({ sourceVolume: volume, containerPath: path, readOnly: false });
    });
    return container;
  });
}

/** Wires the start order: each container waits for the containers it `dependsOn`. */
export function addStartOrder(containers: Map<string, ecs.ContainerDefinition>, dependsOn: Map<string, ContainerDependency[]>): void {
  for (const [name, deps] of dependsOn) {
    const container = containers.get(name)!;
    deps.forEach(d => container.addContainerDependencies({
      container: containers.get(d.containerName)!,
      condition: d.condition ?? ecs.ContainerDependencyCondition.START,
    }));
  }
}
