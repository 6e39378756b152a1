/**
 * A need's name for reading: the official catalogue writes some in capitals ("SIN RED DE APOYO");
 * shown in sentence case ("Sin red de apoyo"), the stored text unchanged. Names already in mixed
 * case are left as written (they may hold proper nouns or acronyms).
 */
export function needName(name: string): string {
  if (name !== name.toLocaleUpperCase() || name === name.toLocaleLowerCase()) return name;
  const lower = name.toLocaleLowerCase();
  return lower.charAt(0).toLocaleUpperCase() + lower.slice(1);
}
