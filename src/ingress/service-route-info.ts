import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IngressLoadBalancer } from './ingress-load-balancer';
import type { IngressAccess } from '../routing/ingress-access';

/** One load balancer a service is routed on. */
export interface ServiceRouteInfo {
  /** Who reaches the service this way: `IngressAccess.PUBLIC` or `IngressAccess.INTERNAL`. */
  readonly access: IngressAccess;
  /** The load balancer. */
  readonly loadBalancer: IngressLoadBalancer;
  /** The service's target group on it. */
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The listener rule, unless the route is the listener's default action. */
  readonly listenerRule?: elbv2.ApplicationListenerRule;
  /** The rule's priority, unless the route is the listener's default action. */
  readonly priority?: number;
  /** The target group of the green revision during a blue/green, canary or linear deployment (ECS alternates the two). */
  readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  /** The listener rule that sends test requests (the test header) to the green revision, with those deployments. */
  readonly testListenerRule?: elbv2.ApplicationListenerRule;
  /** The priority of `testListenerRule`. */
  readonly testPriority?: number;
  /** The header of a test request, `name: value`, with those deployments. */
  readonly testHeader?: string;
}
