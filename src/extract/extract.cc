#include "trustscreen/extract/extract.h"
