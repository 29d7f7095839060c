import { Token, Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ResolvedServiceOptions } from './service-defaults';
import { invalidProp } from '../private/validation';

/** The task of a service. */
export interface ServiceTask {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
}

/**
 * Creates the hardened task of a service: Linux on the chosen architecture, one non-privileged
 * container named after the service with a read-only root filesystem (plus the writable directories
 * asked for), its memory set, and its logs in the service's log group.
 */
export function createTask(scope: Construct, name: string, o: ResolvedServiceOptions, logGroup: logs.ILogGroup): ServiceTask {
  const taskDefinition = new ecs.FargateTaskDefinition(scope, 'TaskDefinition', {
    cpu: o.cpu,
    memoryLimitMiB: o.memoryLimitMiB,
    runtimePlatform: {
      cpuArchitecture: o.cpuArchitecture,
      operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
    },
  });
  const container = taskDefinition.addContainer(name, {
    containerName: name,
    image: o.image,
    memoryLimitMiB: o.memoryLimitMiB,
    command: o.command,
    user: o.user,
    environment: o.environment,
    secrets: o.secrets,
    readonlyRootFilesystem: o.readonlyRootFilesystem,
    privileged: false,
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: name }),
    portMappings: o.containerPort === undefined ? [] : [{
      containerPort: o.containerPort,
      name,
      appProtocol: o.discovery._serviceConnect?.appProtocol,
    }],
  });
  if (taskDefinition.executionRole) {
    Validations.of(taskDefinition.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken, which ECS needs to pull an image from ECR, supports no resource-level permissions.',
    });
  }
  o.writableDirectories.forEach((path, i) => {
    const volume = `writable-${i}`;
    taskDefinition.addVolume({ name: volume });
    container.addMountPoints({ sourceVolume: volume, containerPath: path, readOnly: false });
  });
  return { taskDefinition, container };
}

/**
 * Without NAT, tasks reach only AWS services through endpoints: an image from a public registry
 * (Docker Hub, ECR Public, GHCR...) cannot be pulled, and the task would fail at deploy time.
 */
export function validateImageReachable(prop: string, imageName: string, tasksHaveNatRoute: boolean, region: string): void {
  if (tasksHaveNatRoute || Token.isUnresolved(imageName)) return;
  const ecr = /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(imageName);
  if (ecr && !Token.isUnresolved(region) && ecr[1] !== region) {
    // the ECR endpoints of the VPC serve the stack's region only
    throw invalidProp(`${prop}.image`, `must come from Amazon ECR in the stack's region (${region}): the tasks have no NAT route, and the VPC endpoints reach ECR of their own region only`,
      imageName, 'Replicate the repository to the stack\'s region (ECR replication) and use that image, or choose an egress with NAT.');
  }
  if (ecr) return;
  throw invalidProp(`${prop}.image`, 'must come from Amazon ECR: the tasks have no NAT route, so a public registry is unreachable', imageName,
    'Push the image to ECR (or set up an ECR pull-through cache) and use `ecs.ContainerImage.fromEcrRepository()`, or choose an egress with NAT.');
}
