/**
 * Departments, communes and places for pickers and the map: fetched once per page and shared
 * (the service worker keeps them for offline use).
 */
import { api, type AreaCollection, type PlaceCollection } from '../api/client';
import { useQuery, type QueryState } from '../api/useQuery';

/** Loads once and shares the answer; a failed load is forgotten so the next use tries again. */
function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    if (pending === null) {
      pending = load();
      pending.catch(() => (pending = null));
    }
    return pending;
  };
}

export const loadDepartments = memo(() => api.areas(1));
export const loadCommunes = memo(() => api.areas(2));
export const loadPlaces = memo(() => api.places());

export function useDepartments(): QueryState<AreaCollection> {
  return useQuery('areas:1', loadDepartments);
}
export function useCommunes(): QueryState<AreaCollection> {
  return useQuery('areas:2', loadCommunes);
}
export function usePlaces(): QueryState<PlaceCollection> {
  return useQuery('places', loadPlaces);
}
