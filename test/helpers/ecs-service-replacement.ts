import { CfnElement, Stack } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

const ECS_SERVICE_DOC = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html';

/**
 * The properties of `AWS::ECS::Service` whose change CloudFormation can only make by replacing the
 * service ("Update requires: Replacement" in the reference; `createOnlyProperties` of the resource
 * schema). Every other property, `DeploymentConfiguration`, `LoadBalancers` and
 * `ServiceConnectConfiguration` among them, is updated in place. A replaced service with Service
 * Connect fails to deploy: the new service's endpoint collides with the old one's in the namespace.
 */
export const ECS_SERVICE_REPLACED_ON_CHANGE: Readonly<Record<string, string>> = {
  Cluster: `${ECS_SERVICE_DOC}#cfn-ecs-service-cluster`,
  DeploymentController: `${ECS_SERVICE_DOC}#cfn-ecs-service-deploymentcontroller`,
  LaunchType: `${ECS_SERVICE_DOC}#cfn-ecs-service-launchtype`,
  Role: `${ECS_SERVICE_DOC}#cfn-ecs-service-role`,
  SchedulingStrategy: `${ECS_SERVICE_DOC}#cfn-ecs-service-schedulingstrategy`,
  ServiceName: `${ECS_SERVICE_DOC}#cfn-ecs-service-servicename`,
};

/** The ECS services of every stack of `app` (nested ones included), by `<stack path> <logical id>`. */
export function ecsServicesOf(app: App): Map<string, any> {
  const services = new Map<string, any>();
  for (const stack of app.node.findAll().filter(Stack.isStack)) {
    const resources = Template.fromStack(stack).findResources('AWS::ECS::Service');
    for (const [id, resource] of Object.entries(resources)) services.set(`${stack.node.path} ${id}`, resource.Properties);
  }
  return services;
}

/** The top-level properties whose values differ between two renderings of one resource. */
export function changedProperties(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names.filter(name => JSON.stringify(before[name]) !== JSON.stringify(after[name])).sort();
}

/** The `<stack path> <logical id>` of the L1 behind `construct`, as `ecsServicesOf` keys it. */
export function stackAndLogicalId(construct: { node: { defaultChild?: unknown } }): string {
  const element = construct.node.defaultChild as CfnElement;
  return `${element.stack.node.path} ${element.stack.getLogicalId(element)}`;
}
