/** Facts about the store itself, such as whether it holds a demo scenario. */
export interface MetaTable {
  key: string;
  value: string;
}
