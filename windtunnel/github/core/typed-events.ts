// A minimal typed event hub (node's EventEmitter generics do not accept generic listeners).
// A throwing listener is reported and skipped so it cannot break the fake.

export class TypedEvents<Map extends { [K in keyof Map]: unknown[] }> {
  private readonly listeners: { [K in keyof Map]?: Set<(...args: Map[K]) => void> } = {};

  on<K extends keyof Map>(event: K, listener: (...args: Map[K]) => void): void {
    const set = this.listeners[event] ?? new Set<(...args: Map[K]) => void>();
    set.add(listener);
    this.listeners[event] = set;
  }

  off<K extends keyof Map>(event: K, listener: (...args: Map[K]) => void): void {
    this.listeners[event]?.delete(listener);
  }

  emit<K extends keyof Map>(event: K, ...args: Map[K]): void {
    for (const listener of this.listeners[event] ?? []) {
      try {
        listener(...args);
      } catch (error) {
        console.error(`wind tunnel: a "${String(event)}" listener threw`, error);
      }
    }
  }
}
