import type { CfnResource } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { addSidecars, addStartOrder, appContainerMemory, linuxParametersFor } from './containers';
import { renderContainerHealthCheck } from './health-check';
import { addNamedPortMappings } from './ports';
import type { ResolvedServiceOptions } from './service-defaults';
import { ECS_SOURCE_ARN, restrictTrustToSource } from '../private/trust-conditions';

/** The task of a service. */
export interface ServiceTask {
  readonly taskDefinition: ecs.TaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly sidecars: ecs.ContainerDefinition[];
}

/**
 * Creates the hardened task of a service: Linux on the chosen architecture in awsvpc mode (on
 * Fargate or Managed Instances), a non-privileged container named after the service with a read-only
 * root filesystem (plus the writable directories asked for), the default Linux capabilities dropped,
 * its memory set, and its logs in the service's log group; then the sidecars, hardened the same way,
 * the named ports and the start order. The task and execution roles trust ECS tasks of this account
 * and Region only.
 */
export function createTask(scope: Construct, name: string, o: ResolvedServiceOptions, logGroup: logs.ILogGroup): ServiceTask {
  const runtimePlatform = { cpuArchitecture: o.cpuArchitecture, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX };
  const taskDefinition = o.resolvedCapacity.isFargate
    ? new ecs.FargateTaskDefinition(scope, 'TaskDefinition', { cpu: o.cpu, memoryLimitMiB: o.memoryLimitMiB, runtimePlatform })
    : new ecs.TaskDefinition(scope, 'TaskDefinition', {
      compatibility: ecs.Compatibility.MANAGED_INSTANCES,
      networkMode: ecs.NetworkMode.AWS_VPC,
      cpu: String(o.cpu),
      memoryMiB: String(o.memoryLimitMiB),
      runtimePlatform,
    });
  isolateEcrAuthorization(taskDefinition);
  const container = taskDefinition.addContainer(name, {
    containerName: name,
    image: o.image,
    memoryLimitMiB: appContainerMemory(o.memoryLimitMiB, o.sidecars),
    healthCheck: renderContainerHealthCheck(o.containerHealthCheck),
    command: o.command,
    user: o.user,
    linuxParameters: linuxParametersFor(taskDefinition, name, o.keepCapabilities),
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
  o.writableDirectories.forEach((path, i) => {
    const volume = `writable-${i}`;
    taskDefinition.addVolume({ name: volume });
    container.addMountPoints({ sourceVolume: volume, containerPath: path, readOnly: false });
  });
  const sidecars = addSidecars(taskDefinition, o.sidecars, logGroup);
  const byName = new Map([[name, container], ...sidecars.map(c => [c.containerName, c] as [string, ecs.ContainerDefinition])]);
  addNamedPortMappings(o.additionalPorts, byName, name);
  addStartOrder(byName, new Map([[name, o.dependsOn], ...o.sidecars.map(s => [s.name, s.dependsOn ?? []] as [string, typeof o.dependsOn])]));
  // Only the task role: "Amazon ECS task IAM role" documents `aws:SourceAccount` and `aws:SourceArn`
  // for its trust policy; "Amazon ECS task execution IAM role" documents none, and a condition the
  // agent does not satisfy would only show at deploy time, as tasks that never start.
  restrictTrustToSource(taskDefinition.taskRole, ECS_SOURCE_ARN);
  return { taskDefinition, container, sidecars };
}

/**
 * Puts the execution role's `ecr:GetAuthorizationToken` statement (on `*`: the registry token has no
 * resource-level permissions), which only an ECR image brings, into a policy of its own and
 * acknowledges AwsSolutions-IAM5 there alone. cdk-nag's finding (`Resource::*`) does not say which
 * statement holds the wildcard, so an acknowledgement on the role would also excuse any wildcard that
 * is added to its default policy later (`secretsmanager:GetSecretValue` on `*`...), which cdk-nag now
 * reports. The role is the task definition's own (`obtainExecutionRole()`, the same construct id).
 */
function isolateEcrAuthorization(taskDefinition: ecs.TaskDefinition): void {
  const role = taskDefinition.obtainExecutionRole();
  const addToDefaultPolicy = role.addToPrincipalPolicy.bind(role);
  let policy: iam.Policy | undefined;
  role.addToPrincipalPolicy = statement => {
    if (!isEcrAuthorization(statement)) return addToDefaultPolicy(statement);
    if (!policy) {
      policy = new iam.Policy(role, 'EcrAuthorization', { roles: [role] });
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'This policy holds only ecr:GetAuthorizationToken, which ECS needs to pull the task\'s ECR image and which supports no resource-level permissions.',
      });
      // the tasks need the token when the service starts them
      (taskDefinition.node.defaultChild as CfnResource).addDependency(policy.node.defaultChild as CfnResource);
    }
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  };
}

/** Whether `statement` allows `ecr:GetAuthorizationToken` on `*` and nothing else. */
function isEcrAuthorization(statement: iam.PolicyStatement): boolean {
  return statement.effect === iam.Effect.ALLOW && statement.actions.length === 1 && statement.actions[0] === 'ecr:GetAuthorizationToken'
    && statement.resources.length === 1 && statement.resources[0] === '*' && statement.notActions.length === 0 && !statement.hasPrincipal
    && Object.keys(statement.conditions ?? {}).length === 0;
}
