#include "trustscreen/match/matcher.h"
