import { Annotations, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ContainerUserCheck } from './container-user-check';
import { rootContainers } from './containers';
import type { NetworkContext } from './network-context';
import type { NetworkService } from './network-service';
import { RegisteringFargateService } from './registering-service';
import type { ResolvedServiceOptions } from './service-defaults';
import { TaskEgressMode } from '../segmentation/task-egress';

/** The service's own security group: it admits the load balancer and the declared callers. */
export function createServiceSecurityGroup(scope: Construct, name: string, context: NetworkContext): ec2.SecurityGroup {
  const leastPrivilege = context.taskEgress.mode === TaskEgressMode.LEAST_PRIVILEGE;
  return new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc: context.layout.vpc,
    allowAllOutbound: !leastPrivilege,
    description: leastPrivilege
      ? `Service ${name}: admits the load balancer and declared callers; sends to declared callees and destinations only`
      : `Service ${name}: admits the load balancer and declared callers only`,
  });
}

/** The props of the ECS service before the capabilities add theirs (capacity, deployment, discovery, security groups). */
export function baseServiceProps(service: NetworkService, context: NetworkContext): ecs.FargateServiceProps {
  const options = service._plan.options;
  return {
    cluster: context.cluster,
    taskDefinition: service.taskDefinition,
    desiredCount: options.desiredCount,
    minHealthyPercent: options.minHealthyPercent,
    maxHealthyPercent: options.maxHealthyPercent,
    assignPublicIp: false,
    vpcSubnets: context.layout.taskSubnets,
    // own group, the endpoints' clients, and (routed) the load balancer's targets: 3 of the 5 groups an interface may have
    securityGroups: [service.securityGroup],
    enableExecuteCommand: options.enableExecuteCommand,
    healthCheckGracePeriod: options.healthCheckGracePeriod,
    propagateTags: ecs.PropagatedTagSource.SERVICE,
    enableECSManagedTags: true,
    availabilityZoneRebalancing: ecs.AvailabilityZoneRebalancing.ENABLED,
  };
}

/** The ECS service; a blue/green, canary or linear deployment rolls back on alarms, not the circuit breaker. */
export function createService(scope: NetworkService, props: ecs.FargateServiceProps): RegisteringFargateService {
  const service = new RegisteringFargateService(scope, 'Service', props);
  if (scope.deployment.shiftsTraffic) {
    Annotations.of(service).acknowledgeWarning('@aws-cdk/aws-ecs:shouldUseCircuitBreaker',
      'ECS accepts the circuit breaker for rolling updates only; the service\'s alarms roll blue/green, canary and linear deployments back.');
  }
  return service;
}

/**
 * Control Tower (CT.ECS.PR.3) expects containers that do not run as root: a warning for the service's
 * containers that run as root, and the network's one warning for every container without a `user`.
 */
export function warnOfContainerUsers(scope: NetworkService, options: ResolvedServiceOptions): void {
  ContainerUserCheck.of(scope.network, () => scope.network.services.map(s => ({
    serviceName: s.serviceName, user: s._plan.options.user, sidecars: s._containerOptions.sidecars,
  })));
  const asRoot = rootContainers(scope.serviceName, options.user, options.sidecars);
  if (asRoot.length === 0) return;
  Annotations.of(scope).addWarningV2('ecs-advanced-network:containerRunsAsRoot',
    `Containers ${asRoot.join(', ')} of ${scope.serviceName} run as root: give \`user\` a non-root user (for example '1000'), as AWS Control Tower (CT.ECS.PR.3) expects.`);
}

/** The log group of the containers (and of the Service Connect proxy), with the key of the service's stack. */
export function createLogGroup(scope: NetworkService, options: ResolvedServiceOptions, context: NetworkContext): logs.LogGroup {
  return new logs.LogGroup(scope, 'LogGroup', {
    retention: options.logRetention ?? context.logRetention,
    encryptionKey: context.stackLogsKeys.get(Stack.of(scope)) ?? context.logsEncryptionKey,
  });
}
