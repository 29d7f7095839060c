import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IngressAccess } from './ingress-access';
import { IngressLoadBalancer } from './ingress-load-balancer';

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
}
