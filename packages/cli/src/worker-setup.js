// The setup module init-weights hands to @init/parallel: each worker imports it and so knows the
// presets' classes (GlorotUniform, HeNormal, …) when it rebuilds an initializer from its config.
// Plain JavaScript, because worker threads load it as it stands.
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform } from '@init/presets';

export const classes = [GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal];
