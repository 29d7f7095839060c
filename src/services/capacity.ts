import type { Size } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { checkProps, optional, T } from '../private/prop-types';

/**
 * How a Fargate service mixes on-demand and Spot tasks.
 */
export interface FargateMixOptions {
  /**
   * How many tasks always run on demand before the weights apply.
   *
   * @default 1
   */
  readonly onDemandBase?: number;

  /**
   * The relative share of on-demand tasks above the base.
   *
   * @default 1
   */
  readonly onDemandWeight?: number;

  /**
   * The relative share of Spot tasks above the base.
   *
   * @default 1
   */
  readonly spotWeight?: number;
}

/**
 * ECS Managed Instances: EC2 instances that AWS launches, patches and replaces, chosen by
 * requirements, with the tasks in awsvpc mode (each task keeps its own network interface and the
 * service's security group, as on Fargate).
 */
export interface ManagedInstancesOptions {
  /**
   * What the instances must offer (vCPU and memory ranges, CPU manufacturers, accelerators...).
   *
   * @default - ECS picks cost-optimized general-purpose instances that fit the tasks
   */
  readonly instanceRequirements?: ec2.InstanceRequirementsConfig;

  /**
   * Whether the instances are EC2 Spot instances (cheaper; interrupted with two minutes' notice).
   *
   * @default false
   */
  readonly spot?: boolean;

  /**
   * The role ECS uses to launch and manage the instances.
   *
   * @default - a new role with the `AmazonECSInfrastructureRolePolicyForManagedInstances` managed policy
   */
  readonly infrastructureRole?: iam.IRole;

  /**
   * The instance profile of the instances (its name must start with `ecsInstanceRole` for the managed
   * infrastructure policy to pass it).
   *
   * @default - a new instance profile named `ecsInstanceRole...` with the permissions the ECS agent needs
   */
  readonly instanceProfile?: iam.IInstanceProfile;

  /**
   * The storage of each instance for images, container logs and scratch files.
   *
   * @default Size.gibibytes(80)
   */
  readonly taskVolumeStorage?: Size;
}

/** The kinds of capacity of `Capacity`. */
export enum CapacityKind {
  /** Fargate, on demand. */
  FARGATE = 'fargate',
  /** Fargate Spot only. */
  FARGATE_SPOT = 'fargateSpot',
  /** Fargate on demand and Spot, with a base and weights. */
  FARGATE_MIX = 'fargateMix',
  /** ECS Managed Instances. */
  MANAGED_INSTANCES = 'managedInstances',
}

/**
 * Where the tasks of a service run. Every choice runs tasks in awsvpc mode: one network interface
 * and one security group per task.
 */
export class Capacity {
  /** Fargate, on demand: the default. */
  public static fargate(): Capacity {
    return new Capacity(CapacityKind.FARGATE);
  }

  /** Fargate Spot: up to 70% cheaper; tasks can be interrupted with two minutes' notice. */
  public static fargateSpot(): Capacity {
    return new Capacity(CapacityKind.FARGATE_SPOT);
  }

  /** Fargate on demand and Spot: `onDemandBase` tasks on demand, the rest split by the weights. */
  public static fargateMix(options: FargateMixOptions = {}): Capacity {
    checkProps('Capacity.fargateMix(options)', options, 'FargateMixOptions',
      { onDemandBase: optional(T.number), onDemandWeight: optional(T.number), spotWeight: optional(T.number) });
    return new Capacity(CapacityKind.FARGATE_MIX, options);
  }

  /** ECS Managed Instances in awsvpc mode, with a capacity provider of the service's own. */
  public static managedInstances(options: ManagedInstancesOptions = {}): Capacity {
    checkProps('Capacity.managedInstances(options)', options, 'ManagedInstancesOptions', {
      instanceRequirements: optional(T.object('ec2.InstanceRequirementsConfig')),
      spot: optional(T.boolean),
      infrastructureRole: optional(T.object('iam.IRole', 'roleArn')),
      instanceProfile: optional(T.object('iam.IInstanceProfile', 'instanceProfileArn')),
      taskVolumeStorage: optional(T.object('Size', 'toGibibytes', 'Size.gibibytes(30)')),
    });
    return new Capacity(CapacityKind.MANAGED_INSTANCES, undefined, options);
  }

  /** The kind of capacity. */
  public readonly kind: CapacityKind;

  /** @internal */
  public readonly _mix?: FargateMixOptions;
  /** @internal */
  public readonly _managedInstances?: ManagedInstancesOptions;

  private constructor(kind: CapacityKind, mix?: FargateMixOptions, managedInstances?: ManagedInstancesOptions) {
    this.kind = kind;
    this._mix = mix;
    this._managedInstances = managedInstances;
  }

  /** Whether the tasks run on Fargate. */
  public get isFargate(): boolean {
    return this.kind !== CapacityKind.MANAGED_INSTANCES;
  }
}
