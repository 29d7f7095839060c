import type { Duration } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';

/**
 * A container health check, run by the ECS agent inside the task: it decides whether the container
 * is healthy, which the start conditions of other containers (`ContainerStartCondition.HEALTHY`) and
 * ECS's replacement of unhealthy tasks rely on.
 */
export interface ContainerHealthCheck {
  /**
   * The command, starting with `CMD` (run directly) or `CMD-SHELL` (run by the container's shell),
   * for example `['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1']`. Exit code 0 is healthy.
   */
  readonly command: string[];

  /**
   * The time between two checks (5 to 300 seconds).
   *
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;

  /**
   * How long one check may take before it counts as a failure (2 to 120 seconds).
   *
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;

  /**
   * How many failed checks in a row make the container unhealthy (1 to 10).
   *
   * @default 3
   */
  readonly retries?: number;

  /**
   * How long failed checks do not count after the container starts, to let it boot (0 to 300 seconds).
   *
   * @default Duration.seconds(0)
   */
  readonly startPeriod?: Duration;
}


/**
 * A container that must reach a condition before another container of the task starts.
 */
export interface ContainerDependency {
  /** The name of the container waited for: the service name (the application container) or a sidecar's `name`. */
  readonly containerName: string;

  /**
   * What the container must reach: `START` (started), `HEALTHY` (its `healthCheck` passes), `COMPLETE`
   * (exited) or `SUCCESS` (exited with 0). `COMPLETE` and `SUCCESS` need a non-essential container.
   *
   * @default ecs.ContainerDependencyCondition.START
   */
  readonly condition?: ecs.ContainerDependencyCondition;
}

/**
 * A sidecar: another container of the service's task, hardened like the application container by
 * default (read-only root filesystem, never privileged, its memory set, its own log stream in the
 * service's log group, secrets through ECS). In awsvpc mode every container of a task shares one
 * network interface, so the application reaches the sidecar on `localhost:<port>`; nothing outside the
 * task reaches a sidecar's port unless an entry of `additionalPorts` routes or publishes it.
 */
export interface SidecarOptions {
  /**
   * The container name, unique in the task and not the service name: letters, digits, hyphens and
   * underscores, up to 255 characters.
   */
  readonly name: string;

  /** The container image. */
  readonly image: ecs.ContainerImage;

  /**
   * The hard memory limit of the container, in MiB. The application container gets what the
   * sidecars leave of the task's `memoryLimitMiB`.
   *
   * @default 128
   */
  readonly memoryLimitMiB?: number;

  /**
   * CPU units reserved for the container; the sum over the sidecars must not exceed the task's `cpu`.
   *
   * @default - no reservation (the container shares the task's CPU)
   */
  readonly cpu?: number;

  /**
   * Whether the task stops when this container stops. A container that runs once and exits (an
   * init container waited for with `COMPLETE` or `SUCCESS`) must not be essential.
   *
   * @default true
   */
  readonly essential?: boolean;

  /**
   * Ports the container listens on, reachable from the other containers of the task on `localhost`
   * only (1 to 65535, unique in the task).
   *
   * @default - none
   */
  readonly containerPorts?: number[];

  /**
   * The container's health check.
   *
   * @default - none: other containers cannot wait for it with `HEALTHY`
   */
  readonly healthCheck?: ContainerHealthCheck;

  /**
   * Containers that must reach a condition before this one starts.
   *
   * @default - none
   */
  readonly dependsOn?: ContainerDependency[];

  /**
   * The command of the container.
   *
   * @default - the image's CMD
   */
  readonly command?: string[];

  /**
   * Plain environment variables; a name that looks like a secret is an error unless
   * `nonSecretEnvironment` lists it.
   *
   * @default - none
   */
  readonly environment?: { [name: string]: string };

  /**
   * Names of `environment` that look like secrets but hold none.
   *
   * @default - every variable whose name looks like a secret is refused
   */
  readonly nonSecretEnvironment?: string[];

  /**
   * Secrets injected as environment variables by ECS; the matching VPC endpoint is created as for the
   * application container.
   *
   * @default - none
   */
  readonly secrets?: { [name: string]: ecs.Secret };

  /**
   * Whether the root filesystem of the container is read-only.
   *
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * Absolute paths that stay writable with a read-only root filesystem (task-scoped scratch volumes).
   *
   * @default - none
   */
  readonly writableDirectories?: string[];

  /**
   * The user the container runs as.
   *
   * @default - the image's USER, root for many images: the network warns once (`ecs-advanced-network:containerUser`)
   * of every container without a `user`
   */
  readonly user?: string;

  /**
   * Linux capabilities the container keeps of those it drops by default (NET_RAW, MKNOD, SYS_CHROOT,
   * SETFCAP, SETPCAP and AUDIT_WRITE, which a web server or an API does not use): for example
   * `[ecs.Capability.NET_RAW]` for an image that runs `ping`, or `[ecs.Capability.ALL]` to drop none.
   * The other capabilities of Docker's default set stay; Fargate adds none but SYS_PTRACE.
   *
   * @default - none: the container drops the six
   */
  readonly keepCapabilities?: ecs.Capability[];
}
