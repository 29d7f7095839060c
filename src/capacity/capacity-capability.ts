import * as ecs from 'aws-cdk-lib/aws-ecs';
import { createManagedInstancesProvider, fargateStrategies } from './capacity-providers';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import { AWS_LIMITS } from '../limits/aws-limits';
import { subnetCapacityError } from '../network/subnet-capacity';
import { invalidProp } from '../private/validation';
import { IngressAccess } from '../routing/ingress-access';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/** The capacity providers every cluster of the network has: FARGATE and FARGATE_SPOT (`enableFargateCapacityProviders`). */
const FARGATE_CAPACITY_PROVIDERS = 2;

/**
 * Where the tasks run: Fargate (on-demand, Spot or a mix) through the cluster's capacity providers,
 * or ECS Managed Instances through a capacity provider of the service's own. Its rules are checked
 * with the service's own (`validateService`), since the task size depends on them.
 */
export class CapacityCapability implements Capability {
  constructor(private readonly network: NetworkContext & { readonly services: () => NetworkService[] }) {}

  /**
   * A Managed Instances service adds a capacity provider of its own to the cluster, which also has
   * FARGATE and FARGATE_SPOT: ECS takes 20 per cluster, a quota it cannot raise.
   */
  public planService(plan: ServicePlan): void {
    if (plan.options.resolvedCapacity.isFargate) return;
    const limit = AWS_LIMITS.capacityProvidersPerCluster;
    const managed = this.network.services().filter(s => !s.capacity.isFargate).length + 1;
    const total = FARGATE_CAPACITY_PROVIDERS + managed;
    if (total > limit.value) {
      throw invalidProp(`${plan.name}.capacity`, `would give the cluster ${total} capacity providers (${FARGATE_CAPACITY_PROVIDERS} of Fargate, ${managed} of Managed Instances services), ` +
        `over the ${limit.value} ${limit.what}, a quota AWS cannot raise (${limit.source})`, 'Capacity.managedInstances()',
      `Run at most ${limit.value - FARGATE_CAPACITY_PROVIDERS} services on Managed Instances per network: put this one on Fargate (\`Capacity.fargate()\`), or in another network.`);
    }
  }

  /** On Managed Instances, the service's own capacity provider: instances in the task subnets. */
  public useTaskDefinition(service: NetworkService, plan: ServicePlan): void {
    if (service.capacity.isFargate) return;
    service._parts.capacityProvider = createManagedInstancesProvider(service, {
      serviceName: plan.name,
      capacity: service.capacity,
      cluster: this.network.cluster,
      vpc: this.network.layout.vpc,
      subnets: this.network.layout.taskSubnets,
      endpoints: this.network.endpoints,
      tasksHaveNatRoute: this.network.layout.tasksHaveNatRoute,
    });
  }

  public modifyServiceProps(props: ecs.FargateServiceProps, service: NetworkService): ecs.FargateServiceProps {
    const provider = service._parts.capacityProvider;
    return {
      ...props,
      capacityProviderStrategies: provider ? [{ capacityProvider: provider.capacityProviderName, weight: 1 }] : fargateStrategies(service.capacity),
      // the platform version is Fargate's: Managed Instances run the ECS agent of their own AMI
      platformVersion: service.capacity.isFargate ? ecs.FargatePlatformVersion.LATEST : undefined,
    };
  }

  /** The task subnets must have addresses for every task at its peak (a deployment), once every service is added. */
  public validateNetwork(): string[] {
    const peaks = this.network.services().map(s => s._peakTaskCount);
    if (peaks.some(p => p === undefined)) return [];
    const layout = this.network.layout;
    const error = subnetCapacityError({
      prop: layout.created ? 'subnets.privateCidrMask' : 'taskSubnets',
      subnets: layout.vpc.selectSubnets(layout.taskSubnets).subnets,
      peakTasks: peaks.reduce((a, b) => a! + b!, 0)!,
      interfaceEndpoints: Object.keys(this.network.endpoints.endpoints).length,
      loadBalancersInTaskSubnets: this.network.ingress?.loadBalancersOf(IngressAccess.INTERNAL).length ?? 0,
    });
    return error ? [error] : [];
  }
}
