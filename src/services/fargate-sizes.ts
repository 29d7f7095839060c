import { invalidProp, isConcrete } from '../private/validation';

/**
 * The task sizes Fargate accepts: for each CPU value (in CPU units), the memory range in MiB and
 * its step. Source: Amazon ECS developer guide, "Task CPU and memory" (Linux).
 */
export const FARGATE_TASK_SIZES: { [cpu: number]: { min: number; max: number; step: number } } = {
  256: { min: 512, max: 2048, step: 0 },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

/** The memory values Fargate accepts with `cpu`, or undefined for an unknown CPU value. */
export function validMemoryFor(cpu: number): number[] | undefined {
  const size = FARGATE_TASK_SIZES[cpu];
  if (!size) return undefined;
  if (size.step === 0) return [512, 1024, 2048];
  const values: number[] = [];
  for (let m = size.min; m <= size.max; m += size.step) values.push(m);
  return values;
}

/** Throws unless `cpu` and `memoryLimitMiB` form a Fargate task size. */
export function validateFargateSize(prefix: string, cpu: number, memoryLimitMiB: number): void {
  if (!isConcrete(cpu) || !isConcrete(memoryLimitMiB)) return;
  const memory = validMemoryFor(cpu);
  if (!memory) {
    throw invalidProp(`${prefix}cpu`, 'must be a Fargate CPU value', cpu,
      `Use one of ${Object.keys(FARGATE_TASK_SIZES).join(', ')} (CPU units; 1024 = 1 vCPU).`);
  }
  if (!memory.includes(memoryLimitMiB)) {
    const range = memory.length > 4 ? `${memory[0]} to ${memory[memory.length - 1]} in steps of ${memory[1] - memory[0]}` : memory.join(', ');
    throw invalidProp(`${prefix}memoryLimitMiB`, `is not a Fargate memory size for ${cpu} CPU units`, memoryLimitMiB,
      `With \`cpu\` ${cpu}, use ${range} MiB.`);
  }
}

/** The smallest memory size Fargate accepts with `cpu`, or 512 for an unknown CPU value (validated elsewhere). */
export function defaultMemoryFor(cpu: number): number {
  return FARGATE_TASK_SIZES[cpu]?.min ?? 512;
}
