import * as React from 'react';

interface Props<T> { items: readonly T[]; render: (item: T) => React.ReactNode }

export function List<T extends { id: string }>({ items, render }: Props<T>): JSX.Element {
  const sorted = [...items].sort((a, b) => a.id.localeCompare(b.id)) as T[];
  return <ul>{sorted.map((it) => <li key={it.id}>{render(it)}</li>)}</ul>;
}

export const enum Mode { A = 1, B }
export default List satisfies unknown;
