import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import type { NetworkEndpoints } from '../network/endpoints';
import { acknowledgeFinding } from '../private/acknowledge';
import { securityGroupDescription } from '../private/aws-values/descriptions';
import type { Capacity } from '../services/capacity';
import { CapacityKind } from '../services/capacity';
import { fargateMixOf } from '../services/capacity-rules';

/**
 * The endpoints the instances of a Managed Instances capacity provider need when the tasks have no
 * NAT route: the ECS agent on each instance registers with ECS and sends telemetry (the tasks'
 * own endpoints, ecr.api, ecr.dkr, logs and the S3 gateway, are the network's already).
 */
export const MANAGED_INSTANCES_ENDPOINTS = [
  ec2.InterfaceVpcEndpointAwsService.ECS,
  ec2.InterfaceVpcEndpointAwsService.ECS_AGENT,
  ec2.InterfaceVpcEndpointAwsService.ECS_TELEMETRY,
];

/** The capacity provider strategies of a Fargate capacity (undefined: the FARGATE launch type). */
export function fargateStrategies(capacity: Capacity): ecs.CapacityProviderStrategy[] | undefined {
  switch (capacity.kind) {
    case CapacityKind.FARGATE_SPOT:
      return [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];
    case CapacityKind.FARGATE_MIX: {
      const mix = fargateMixOf(capacity);
      return [
        { capacityProvider: 'FARGATE', base: mix.onDemandBase, weight: mix.onDemandWeight },
        { capacityProvider: 'FARGATE_SPOT', weight: mix.spotWeight },
      ];
    }
    default:
      return undefined;
  }
}

/** What a Managed Instances capacity provider of a service is built from. */
export interface ManagedInstancesProps {
  readonly serviceName: string;
  readonly capacity: Capacity;
  readonly cluster: ecs.Cluster;
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly endpoints: NetworkEndpoints;
  readonly tasksHaveNatRoute: boolean;
}

/**
 * Creates the service's Managed Instances capacity provider: instances in the task subnets, behind a
 * security group that admits nothing and sends HTTPS only, plus the endpoint clients' group; the ECS endpoints the agent needs without NAT.
 */
export function createManagedInstancesProvider(scope: Construct, p: ManagedInstancesProps): ecs.ManagedInstancesCapacityProvider {
  const mi = p.capacity._managedInstances ?? {};
  const instances = new ec2.SecurityGroup(scope, 'InstanceSecurityGroup', {
    vpc: p.vpc,
    allowAllOutbound: false,
    description: securityGroupDescription(`Managed Instances of ${p.serviceName}: admit nothing; send HTTPS to ECS, ECR, logs (the tasks have groups of their own)`),
  });
  // as for the tasks: ECS, ECR and S3 over HTTPS, through NAT, or the VPC endpoints and the S3 gateway without it
  instances.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
    p.tasksHaveNatRoute ? 'HTTPS to ECS, ECR and S3 (through NAT or the S3 gateway)' : 'HTTPS to AWS services (no NAT route: the S3 gateway and VPC endpoints only)');
  if (!p.tasksHaveNatRoute) MANAGED_INSTANCES_ENDPOINTS.forEach(s => p.endpoints.require(s));
  const provider = new ecs.ManagedInstancesCapacityProvider(scope, 'CapacityProvider', {
    subnets: p.vpc.selectSubnets(p.subnets).subnets,
    securityGroups: [instances, p.endpoints.clients],
    instanceRequirements: mi.instanceRequirements,
    infrastructureRole: mi.infrastructureRole,
    ec2InstanceProfile: mi.instanceProfile,
    taskVolumeStorage: mi.taskVolumeStorage,
    capacityOptionType: mi.spot ? ecs.CapacityOptionType.SPOT : ecs.CapacityOptionType.ON_DEMAND,
    propagateTags: ecs.PropagateManagedInstancesTags.CAPACITY_PROVIDER,
  });
  p.cluster.addManagedInstancesCapacityProvider(provider);
  acknowledgeManagedInstancesRoles(provider, mi.infrastructureRole === undefined, mi.instanceProfile === undefined);
  return provider;
}

/** The cdk-nag findings on the roles aws-cdk-lib creates for Managed Instances, each on its role, with why ECS needs it. */
function acknowledgeManagedInstancesRoles(provider: ecs.ManagedInstancesCapacityProvider, infrastructureRole: boolean, instanceRole: boolean): void {
  if (infrastructureRole) {
    acknowledgeFinding(provider.infrastructureRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances]',
      'The AWS managed policy that ECS documents for the Managed Instances infrastructure role, kept by AWS in step with what ECS calls. Pass `infrastructureRole` to use your own.');
  }
  // on the role's resource alone, which holds aws-cdk-lib's inline ECSInstancePolicy: a statement added to
  // the role later goes to its default policy, another resource, where cdk-nag reports a wildcard
  const role = provider.node.tryFindChild('InstanceRole')?.node.defaultChild;
  if (instanceRole && role) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecs:DiscoverPollEndpoint, which the ECS agent on each instance calls, supports no resource-level permissions.',
    });
    acknowledgeFinding(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:container-instance/*]',
      'The container instances exist only once ECS registers them: the agent polls and reports telemetry for its own instance, in this account and region only.');
  }
}
