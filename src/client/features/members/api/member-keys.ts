/** Query keys of an entity's members and protected aliases, written once. */
export const memberKeys = {
  all: ['entities'] as const,
  entity: (entity: string) => [...memberKeys.all, entity] as const,
  members: (entity: string) => [...memberKeys.entity(entity), 'members'] as const,
  protectedAliases: (entity: string) => [...memberKeys.entity(entity), 'protected-aliases'] as const,
};
