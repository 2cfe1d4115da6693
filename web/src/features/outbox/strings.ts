/** The outbox's strings, shared by the outbox view and the forms that show an item's state. */
import { registerStrings } from '../../i18n/i18n';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ht from './locales/ht.json';

registerStrings('outbox', { en, fr, ht });
