import * as ecs from 'aws-cdk-lib/aws-ecs';
import { createManagedInstancesProvider, fargateStrategies } from './capacity-providers';
import type { Capability } from '../lifecycle/capability';
import type { ServicePlan } from '../lifecycle/service-plan';
import { subnetCapacityError } from '../network/subnet-capacity';
import { IngressAccess } from '../routing/ingress-access';
import type { NetworkContext } from '../services/network-context';
import type { NetworkService } from '../services/network-service';

/**
 * Where the tasks run: Fargate (on-demand, Spot or a mix) through the cluster's capacity providers,
 * or ECS Managed Instances through a capacity provider of the service's own. Its rules are checked
 * with the service's own (`validateService`), since the task size depends on them.
 */
export class CapacityCapability implements Capability {
  constructor(private readonly network: NetworkContext & { readonly services: () => NetworkService[] }) {}

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
