print("revasi")
