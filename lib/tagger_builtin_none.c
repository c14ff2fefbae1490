/* The library as built has no NER model inside: nci_tagger_model_builtin()
 * says so, and the entity stage falls back to its capitalisation rules.
 * Replaced by the generated model (lib/gen_tagger_model.c) once
 * `make model` has trained one. */
#include "tagger.h"

nc_status nci_tagger_model_builtin(nci_tagger_model **out)
{
    if (out)
        *out = NULL;
    return NC_ENOTIMPL;
}
