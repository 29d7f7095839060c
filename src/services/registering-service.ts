import { Lazy, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { IDependable } from 'constructs';
import { Construct } from 'constructs';

/**
 * An `ecs.FargateService` whose target groups are collected on the service itself and rendered at
 * synthesis, the way aws-cdk-lib renders the ones it attaches (`Lazy` over `loadBalancers`). Kept apart
 * from aws-cdk-lib's own list, which would also turn on its default health check grace period (60 s)
 * for a service that only a Network Load Balancer reaches.
 * Registering on the L1 rather than through `service.loadBalancerTarget()`: that helper opens the
 * load balancer to every security group of the service, including the endpoint-clients group that
 * all tasks carry, which would let the load balancer reach every task of the network.
 */
export class RegisteringFargateService extends ecs.FargateService {
  private readonly registrations: ecs.CfnService.LoadBalancerProperty[] = [];
  private readonly rollbackAlarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: ecs.FargateServiceProps) {
    super(scope, id, props);
    (this.node.defaultChild as ecs.CfnService).loadBalancers = Lazy.any(
      { produce: () => [...this.loadBalancers, ...this.registrations] }, { omitEmptyArray: true });
  }

  /** Registers the tasks with a target group (of an Application or a Network Load Balancer); ECS takes up to 5 per service. */
  public registerTargetGroup(targetGroup: { readonly targetGroupArn: string; readonly loadBalancerAttached: IDependable },
    containerName: string, containerPort: number): void {
    this.registrations.push({ targetGroupArn: targetGroup.targetGroupArn, containerName, containerPort });
    (this.node.defaultChild as ecs.CfnService).node.addDependency(targetGroup.loadBalancerAttached);
  }

  /** Adds the advanced configuration (alternate target group, rules, role) that ECS traffic shifting needs to a registration. */
  public setAdvancedConfiguration(targetGroupArn: string, advancedConfiguration: ecs.CfnService.AdvancedConfigurationProperty): void {
    const index = this.registrations.findIndex(r => r.targetGroupArn === targetGroupArn);
    if (index >= 0) this.registrations[index] = { ...this.registrations[index], advancedConfiguration };
  }

  /**
   * Adds alarms that roll a deployment of the service back (ECS deployment alarms). An alarm of the
   * same stack is created before the service, which refers to it by name.
   */
  public rollBackOn(alarms: { alarm: cloudwatch.IAlarm; alarmName: string }[]): void {
    const first = this.rollbackAlarmNames.length === 0;
    for (const { alarm, alarmName } of alarms) {
      if (this.rollbackAlarmNames.includes(alarmName)) continue;
      this.rollbackAlarmNames.push(alarmName);
      if (alarm instanceof Construct && Stack.of(alarm) === Stack.of(this)) this.node.addDependency(alarm);
    }
    // once, with the list itself: the service renders the names it holds at synthesis, and a second
    // `enableDeploymentAlarms()` would not add to them
    if (first && this.rollbackAlarmNames.length > 0) {
      this.enableDeploymentAlarms(this.rollbackAlarmNames, { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
    }
  }
}
