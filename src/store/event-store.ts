import type { DeckEvent } from '../domain/types.js'

/**
 * One tenant's events, oldest first, addressed by position (0 = oldest kept).
 * The memory store keeps the array in the tenant data; the file store keeps
 * events in an append-only file with a compact in-memory index, so a million
 * events cost a few dozen MB, not a few GB. Only services/event-log.ts uses this.
 */
export interface EventStore {
  readonly size: number
  append(event: DeckEvent): void
  /** Position of an event, or -1. */
  position(id: string): number
  at(position: number): DeckEvent
  /** Cheap metadata (no read of the event body). */
  typeAt(position: number): string
  createdAtMs(position: number): number
  /** Drops the events before `position` (retention). */
  dropBefore(position: number): void
}

/** Memory storage: the events array of the tenant data, plus an id → position index. */
export class MemoryEventStore implements EventStore {
  /** id → absolute index (position + dropped). */
  private readonly byId = new Map<string, number>()
  private dropped = 0

  constructor(private readonly events: DeckEvent[]) {
    events.forEach((e, i) => this.byId.set(e.id, i))
  }

  get size(): number {
    return this.events.length
  }

  append(event: DeckEvent): void {
    this.byId.set(event.id, this.dropped + this.events.length)
    this.events.push(event)
  }

  position(id: string): number {
    const abs = this.byId.get(id)
    return abs === undefined ? -1 : abs - this.dropped
  }

  at(position: number): DeckEvent {
    return this.events[position]!
  }

  typeAt(position: number): string {
    return this.events[position]!.type
  }

  createdAtMs(position: number): number {
    return Date.parse(this.events[position]!.created_at)
  }

  dropBefore(position: number): void {
    if (position <= 0) return
    for (let i = 0; i < position; i++) this.byId.delete(this.events[i]!.id)
    this.events.splice(0, position)
    this.dropped += position
  }
}
