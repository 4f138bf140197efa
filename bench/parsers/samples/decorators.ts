/* eslint-disable */ // a parser-benchmark input, not project code
abstract class Base<T = unknown> {
  protected abstract value: T;
  constructor(private readonly name: string, public id?: number) {}
}
namespace NS { export const x = 1; }
declare module 'mod' { export function f(): void; }
export class Impl extends Base<string> implements Iterable<string> {
  protected value = 'x';
  *[Symbol.iterator]() { yield this.value!; }
}
type Mapped<T> = { [K in keyof T as `get${Capitalize<string & K>}`]-?: () => T[K] };
const y = <const T,>(v: T) => v;
export = Impl;
