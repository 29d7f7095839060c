import { validateCapacity } from './capacity-rules';
import { validateContainers, validateKeepCapabilities } from './containers';
import { validateContainerHealthCheck } from './health-check';
import { validatePorts } from './ports';
import type { ResolvedServiceOptions } from './service-defaults';
import type { ServiceOptions } from './service-options';
import { validateServiceOptions } from './validate-service';

/**
 * The service's own rules, checked before those of the capabilities: capacity, options, the
 * container health check, the containers and the named ports.
 */
export function validateService(name: string, options: ResolvedServiceOptions, given: ServiceOptions): void {
  validateCapacity(name, given.capacity, given.spot, options.cpuArchitecture);
  validateServiceOptions(name, options);
  validateContainerHealthCheck(`${name}.containerHealthCheck`, options.containerHealthCheck);
  validateKeepCapabilities(`${name}.keepCapabilities`, options.keepCapabilities);
  validateContainers(name, {
    appName: name,
    appHealthCheck: options.containerHealthCheck !== undefined,
    appDependsOn: options.dependsOn,
    sidecars: options.sidecars,
    cpu: options.cpu,
    memoryLimitMiB: options.memoryLimitMiB,
  });
  validatePorts(name, options.additionalPorts, {
    serviceName: name,
    containerPort: options.containerPort,
    sidecars: options.sidecars,
  });
}
