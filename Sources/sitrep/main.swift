import SitrepCore
print("sitrep")
