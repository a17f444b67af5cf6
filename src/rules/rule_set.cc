#include "trustscreen/rules/rule_set.h"
